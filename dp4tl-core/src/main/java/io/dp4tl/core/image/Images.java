package io.dp4tl.core.image;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.data.Image;
import io.dp4tl.core.image.internal.Resampler;

/** Operations on 8-bit {@link Image}s that give 8-bit images (rounded, clamped to 0..255). */
public final class Images {
  private Images() {}

  /**
   * Resamples each channel to {@code width x height}.
   *
   * @throws IllegalArgumentException if the size is not positive
   */
  public static Image resize(Image image, int width, int height, ResizeMethod method) {
    requireNonNull(image, "image");
    requireNonNull(method, "method");
    checkArgument(width > 0 && height > 0, "size must be positive, got %sx%s", width, height);
    if (image.width() == width && image.height() == height) {
      return image;
    }
    int c = image.channels();
    int sn = image.width() * image.height();
    float[] src = new float[sn];
    float[] dst = new float[width * height];
    byte[] out = new byte[width * height * c];
    byte[] px = image.pixels();
    for (int ch = 0; ch < c; ch++) {
      for (int i = 0, j = ch; i < sn; i++, j += c) {
        src[i] = px[j] & 0xff;
      }
      Resampler.resize(src, image.width(), image.height(), dst, width, height, method);
      for (int i = 0, j = ch; i < dst.length; i++, j += c) {
        out[j] = toByte(dst[i]);
      }
    }
    return new Image(width, height, c, out);
  }

  /** {@code 255 - v} for every pixel channel. */
  public static Image invert(Image image) {
    byte[] px = image.pixels();
    byte[] out = new byte[px.length];
    for (int i = 0; i < px.length; i++) {
      out[i] = (byte) (255 - (px[i] & 0xff));
    }
    return new Image(image.width(), image.height(), image.channels(), out);
  }

  /** The image with 1 channel (RGB to grey by ITU-R BT.601 luma) or 3 (grey replicated). */
  public static Image withChannels(Image image, int channels) {
    checkArgument(channels == 1 || channels == 3, "channels must be 1 or 3, got %s", channels);
    if (image.channels() == channels) {
      return image;
    }
    byte[] px = image.pixels();
    int n = image.width() * image.height();
    byte[] out = new byte[n * channels];
    if (channels == 3) {
      for (int i = 0; i < n; i++) {
        out[3 * i] = px[i];
        out[3 * i + 1] = px[i];
        out[3 * i + 2] = px[i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = toByte(0.299f * (px[3 * i] & 0xff) + 0.587f * (px[3 * i + 1] & 0xff) + 0.114f * (px[3 * i + 2] & 0xff));
      }
    }
    return new Image(image.width(), image.height(), channels, out);
  }

  private static byte toByte(float v) {
    int r = Math.round(v);
    return (byte) (r < 0 ? 0 : Math.min(r, 255));
  }
}
