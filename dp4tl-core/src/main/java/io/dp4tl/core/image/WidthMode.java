package io.dp4tl.core.image;

/** How an image's width is fitted to the model's input width. */
public enum WidthMode {
  /** Stretch to exactly the input width and height, whatever the aspect ratio. */
  FIXED,
  /**
   * Dynamic width, as text recognisers expect: scale to the input height keeping the aspect ratio,
   * cap the width at the input width, then pad on the right up to the input width with the pad
   * value. Every sample of a batch therefore has the batch's fixed width.
   */
  KEEP_ASPECT_PAD
}
