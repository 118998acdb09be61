package io.dp4tl.core.image;

/** How an image is resampled to another size. */
public enum ResizeMethod {
  /**
   * Pixel-area averaging: each output pixel is the mean of the source area it covers, weighted by
   * overlap (like OpenCV's {@code INTER_AREA}). The right choice for shrinking; when enlarging it
   * behaves like nearest-neighbour with blended edges.
   */
  AREA,
  /**
   * Bilinear interpolation between the four nearest source pixels, pixel centres aligned
   * ({@code align_corners=false}, like OpenCV's {@code INTER_LINEAR}); no anti-aliasing when
   * shrinking.
   */
  BILINEAR
}
