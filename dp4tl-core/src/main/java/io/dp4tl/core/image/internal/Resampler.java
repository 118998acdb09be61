package io.dp4tl.core.image.internal;

import io.dp4tl.core.image.ResizeMethod;

/**
 * Separable resampling of single-channel float planes: a horizontal pass, then a vertical pass,
 * each with a precomputed kernel (source taps and weights per output coordinate).
 */
public final class Resampler {
  private Resampler() {}

  /**
   * Resamples a {@code sw x sh} plane to {@code dw x dh}. When the sizes are equal the source is
   * copied.
   */
  public static void resize(
      float[] src, int sw, int sh, float[] dst, int dw, int dh, ResizeMethod method) {
    if (sw == dw && sh == dh) {
      System.arraycopy(src, 0, dst, 0, sw * sh);
      return;
    }
    Kernel kx = Kernel.of(sw, dw, method);
    Kernel ky = Kernel.of(sh, dh, method);
    float[] tmp = new float[sh * dw];
    for (int y = 0; y < sh; y++) {
      int row = y * sw;
      int out = y * dw;
      for (int x = 0; x < dw; x++) {
        int k = x * kx.taps;
        int first = kx.first[x];
        float acc = 0f;
        for (int t = 0; t < kx.count[x]; t++) {
          acc += src[row + first + t] * kx.weights[k + t];
        }
        tmp[out + x] = acc;
      }
    }
    for (int y = 0; y < dh; y++) {
      int k = y * ky.taps;
      int first = ky.first[y];
      int out = y * dw;
      for (int x = 0; x < dw; x++) {
        dst[out + x] = 0f;
      }
      for (int t = 0; t < ky.count[y]; t++) {
        float w = ky.weights[k + t];
        int row = (first + t) * dw;
        for (int x = 0; x < dw; x++) {
          dst[out + x] += tmp[row + x] * w;
        }
      }
    }
  }

  /** Taps of one axis: output i reads {@code count[i]} source pixels from {@code first[i]}. */
  private static final class Kernel {
    final int taps;
    final int[] first;
    final int[] count;
    final float[] weights;

    private Kernel(int n, int taps) {
      this.taps = taps;
      this.first = new int[n];
      this.count = new int[n];
      this.weights = new float[n * taps];
    }

    static Kernel of(int src, int dst, ResizeMethod method) {
      return method == ResizeMethod.AREA ? area(src, dst) : bilinear(src, dst);
    }

    private static Kernel area(int src, int dst) {
      double scale = (double) src / dst;
      Kernel k = new Kernel(dst, (int) Math.ceil(scale) + 1);
      for (int i = 0; i < dst; i++) {
        double lo = i * scale;
        double hi = Math.min(src, (i + 1) * scale);
        int a = (int) Math.floor(lo);
        int b = Math.min(src, (int) Math.ceil(hi));
        k.first[i] = a;
        k.count[i] = b - a;
        for (int s = a; s < b; s++) {
          double overlap = Math.min(hi, s + 1) - Math.max(lo, s);
          k.weights[i * k.taps + s - a] = (float) (overlap / scale);
        }
      }
      return k;
    }

    private static Kernel bilinear(int src, int dst) {
      double scale = (double) src / dst;
      Kernel k = new Kernel(dst, 2);
      for (int i = 0; i < dst; i++) {
        double c = Math.max(0, Math.min(src - 1, (i + 0.5) * scale - 0.5));
        int a = (int) Math.floor(c);
        float w1 = (float) (c - a);
        k.first[i] = a;
        if (a + 1 < src && w1 > 0f) {
          k.count[i] = 2;
          k.weights[i * 2] = 1f - w1;
          k.weights[i * 2 + 1] = w1;
        } else {
          k.count[i] = 1;
          k.weights[i * 2] = 1f;
        }
      }
      return k;
    }
  }
}
