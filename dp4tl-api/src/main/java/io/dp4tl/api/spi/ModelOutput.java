package io.dp4tl.api.spi;

/**
 * What {@link ModelBackend#run} gives for one batch, row-major, one row per sample.
 *
 * @param logits {@code size * logitWidth} floats, or {@code null} if not asked for
 * @param features {@code size * featureWidth} floats, or {@code null} if not asked for
 */
public record ModelOutput(float[] logits, float[] features) {}
