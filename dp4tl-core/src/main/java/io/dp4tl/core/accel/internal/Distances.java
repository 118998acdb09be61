package io.dp4tl.core.accel.internal;

/** The exact squared Euclidean distance that every decision needing exactness uses. */
public final class Distances {
  private Distances() {}

  /**
   * Squared distance between {@code a[aOff..aOff+d)} and {@code b[bOff..bOff+d)}, accumulated in
   * double over two interleaved partial sums (a fixed order, so every caller gets the same bits).
   */
  public static double squared(float[] a, int aOff, float[] b, int bOff, int d) {
    double s0 = 0;
    double s1 = 0;
    int j = 0;
    for (; j + 1 < d; j += 2) {
      double e0 = (double) a[aOff + j] - b[bOff + j];
      double e1 = (double) a[aOff + j + 1] - b[bOff + j + 1];
      s0 += e0 * e0;
      s1 += e1 * e1;
    }
    if (j < d) {
      double e0 = (double) a[aOff + j] - b[bOff + j];
      s0 += e0 * e0;
    }
    return s0 + s1;
  }
}
