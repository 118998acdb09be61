package io.dp4tl.core.dataset;

/** What a reader of image files does with a file it cannot decode. */
public enum CorruptImages {
  /** Fail with an {@link io.dp4tl.api.InvalidInputException} naming the file (the default). */
  FAIL,
  /** Decode every file when opening, leave out those that fail, and count them. */
  SKIP
}
