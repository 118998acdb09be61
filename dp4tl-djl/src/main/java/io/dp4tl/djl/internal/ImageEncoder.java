package io.dp4tl.djl.internal;

import static com.google.common.base.Preconditions.checkArgument;

import io.dp4tl.api.data.Image;
import io.dp4tl.djl.Architecture;

/**
 * The one preprocessing of dp4tl's DJL networks, shared by training and inference: an image becomes
 * a 32x32 grey picture (RGB by ITU-R BT.601 luma, other sizes by bilinear resampling with
 * half-pixel centres), then floats {@code v / 255} in {@code [0, 1]}, channel-first. Zero is black,
 * so zero padding (used by the shift augmentation) adds background to white-on-black glyphs.
 */
public final class ImageEncoder {
  /** Pixels of an encoded image. */
  public static final int PIXELS = Architecture.INPUT_SIZE * Architecture.INPUT_SIZE;

  private ImageEncoder() {}

  /** The image as {@link #PIXELS} grey bytes, row-major; may be the image's own array: read only. */
  public static byte[] grey(Image image) {
    byte[] grey = luma(image);
    int size = Architecture.INPUT_SIZE;
    if (image.width() == size && image.height() == size) {
      return grey;
    }
    return resize(grey, image.width(), image.height(), size);
  }

  /** Writes {@link #PIXELS} floats {@code v / 255} of grey bytes into {@code dst} at {@code offset}. */
  public static void toFloats(byte[] grey, float[] dst, int offset) {
    checkArgument(grey.length == PIXELS, "expected %s grey pixels, got %s", PIXELS, grey.length);
    for (int i = 0; i < PIXELS; i++) {
      dst[offset + i] = (grey[i] & 0xff) / 255f;
    }
  }

  private static byte[] luma(Image image) {
    byte[] pixels = image.pixels();
    if (image.channels() == 1) {
      return pixels;
    }
    byte[] grey = new byte[image.width() * image.height()];
    for (int i = 0; i < grey.length; i++) {
      int r = pixels[3 * i] & 0xff;
      int g = pixels[3 * i + 1] & 0xff;
      int b = pixels[3 * i + 2] & 0xff;
      grey[i] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
    }
    return grey;
  }

  private static byte[] resize(byte[] src, int width, int height, int size) {
    byte[] dst = new byte[size * size];
    double sx = (double) width / size;
    double sy = (double) height / size;
    for (int y = 0; y < size; y++) {
      double fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), height - 1);
      int y0 = (int) fy;
      int y1 = Math.min(y0 + 1, height - 1);
      double wy = fy - y0;
      for (int x = 0; x < size; x++) {
        double fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), width - 1);
        int x0 = (int) fx;
        int x1 = Math.min(x0 + 1, width - 1);
        double wx = fx - x0;
        double top = (src[y0 * width + x0] & 0xff) * (1 - wx) + (src[y0 * width + x1] & 0xff) * wx;
        double bottom = (src[y1 * width + x0] & 0xff) * (1 - wx) + (src[y1 * width + x1] & 0xff) * wx;
        dst[y * size + x] = (byte) Math.round(top * (1 - wy) + bottom * wy);
      }
    }
    return dst;
  }
}
