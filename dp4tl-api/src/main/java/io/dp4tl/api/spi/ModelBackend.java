package io.dp4tl.api.spi;

import io.dp4tl.api.data.Image;

/**
 * A surrogate model that dp4tl runs over batches of samples to get logits and/or features. dp4tl
 * streams: it encodes images into the model's input layout on one thread ({@link #encode}) while
 * the model runs earlier batches on another ({@link #run}), so a backend never sees a whole
 * dataset. Backends come from {@link ModelBackendProvider}s (ONNX Runtime, DJL, in-memory).
 *
 * <p>{@link #encode} must be thread-safe; {@link #run} is called from one thread at a time.
 */
public interface ModelBackend extends AutoCloseable {

  /** What the model takes and gives, and its fingerprint. */
  ModelInfo info();

  /**
   * Writes one image into {@code dst} at {@code offset} in the model's input layout (e.g. resized,
   * normalised, CHW): {@link ModelInfo#inputElements()} floats.
   *
   * @throws io.dp4tl.api.InvalidInputException if the image cannot be encoded
   */
  void encode(Image image, float[] dst, int offset);

  /**
   * Runs the model over one batch.
   *
   * @throws io.dp4tl.api.ModelException if the model fails (names the model and the batch)
   */
  ModelOutput run(Batch batch);

  /** Releases native resources; idempotent. */
  @Override
  void close();
}
