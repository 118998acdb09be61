package io.dp4tl.api.data;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One decoded image: 8-bit pixels, row-major, channels interleaved (1 = grey, 3 = RGB).
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param channels 1 or 3
 * @param pixels {@code width * height * channels} bytes, read as unsigned
 */
public record Image(int width, int height, int channels, byte[] pixels) {

  /**
   * @throws IllegalArgumentException if the shape is not positive, channels is not 1 or 3, or the
   *     pixel array has the wrong length
   */
  public Image {
    checkArgument(width > 0 && height > 0, "image size must be positive, got %sx%s", width, height);
    checkArgument(channels == 1 || channels == 3, "channels must be 1 or 3, got %s", channels);
    checkArgument(
        pixels.length == width * height * channels,
        "%s pixel bytes do not make a %sx%sx%s image",
        pixels.length,
        width,
        height,
        channels);
  }

  /** Unsigned value of one pixel channel. */
  public int value(int x, int y, int channel) {
    return pixels[(y * width + x) * channels + channel] & 0xff;
  }
}
