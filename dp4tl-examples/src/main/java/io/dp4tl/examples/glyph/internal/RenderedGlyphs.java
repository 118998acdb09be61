package io.dp4tl.examples.glyph.internal;

/**
 * A rendered glyph set, as built or as read from the cache.
 *
 * @param images {@code n * size * size} bytes, class after class
 * @param labels class of each image
 * @param codePoints the character of each class
 * @param distinct distinct face renderings found for each class
 * @param faces faces loaded from the catalog
 * @param duplicates renderings dropped as identical to another face's
 */
public record RenderedGlyphs(
    byte[] images, int[] labels, int[] codePoints, int[] distinct, int faces, long duplicates) {}
