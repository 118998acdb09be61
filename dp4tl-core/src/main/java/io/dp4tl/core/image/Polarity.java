package io.dp4tl.core.image;

/** Whether the ink of an image is bright on a dark background or dark on a bright one. */
public enum Polarity {
  /** Bright ink on a dark background (MNIST, Fashion-MNIST, the glyph source by default). */
  WHITE_ON_BLACK,
  /** Dark ink on a bright background (printed text, PP-OCR's input). */
  BLACK_ON_WHITE
}
