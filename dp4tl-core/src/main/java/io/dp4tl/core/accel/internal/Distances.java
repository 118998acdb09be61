package io.dp4tl.core.accel.internal;

/**
 * The exact squared Euclidean distances and norms that every decision needing exactness uses:
 * accumulated in double over eight interleaved partial sums (column {@code j} into sum
 * {@code j % 8}, the rest of the row into the first), added pairwise at the end. The order is
 * fixed, so every caller gets the same bits; eight independent sums keep the adds from waiting on
 * each other.
 */
public final class Distances {
  private Distances() {}

  /** Squared distance between {@code a[aOff..aOff+d)} and {@code b[bOff..bOff+d)}. */
  public static double squared(float[] a, int aOff, float[] b, int bOff, int d) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int j = 0;
    for (; j + 7 < d; j += 8) {
      int p = aOff + j;
      int q = bOff + j;
      double e0 = (double) a[p] - b[q];
      double e1 = (double) a[p + 1] - b[q + 1];
      double e2 = (double) a[p + 2] - b[q + 2];
      double e3 = (double) a[p + 3] - b[q + 3];
      double e4 = (double) a[p + 4] - b[q + 4];
      double e5 = (double) a[p + 5] - b[q + 5];
      double e6 = (double) a[p + 6] - b[q + 6];
      double e7 = (double) a[p + 7] - b[q + 7];
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
      s4 += e4 * e4;
      s5 += e5 * e5;
      s6 += e6 * e6;
      s7 += e7 * e7;
    }
    for (; j < d; j++) {
      double e = (double) a[aOff + j] - b[bOff + j];
      s0 += e * e;
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** Squared norm of {@code a[off..off+d)}. */
  public static double squaredNorm(float[] a, int off, int d) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int j = 0;
    for (; j + 7 < d; j += 8) {
      int p = off + j;
      double v0 = a[p];
      double v1 = a[p + 1];
      double v2 = a[p + 2];
      double v3 = a[p + 3];
      double v4 = a[p + 4];
      double v5 = a[p + 5];
      double v6 = a[p + 6];
      double v7 = a[p + 7];
      s0 += v0 * v0;
      s1 += v1 * v1;
      s2 += v2 * v2;
      s3 += v3 * v3;
      s4 += v4 * v4;
      s5 += v5 * v5;
      s6 += v6 * v6;
      s7 += v7 * v7;
    }
    for (; j < d; j++) {
      double v = a[off + j];
      s0 += v * v;
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
