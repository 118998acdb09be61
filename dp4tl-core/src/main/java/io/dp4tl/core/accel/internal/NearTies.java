package io.dp4tl.core.accel.internal;

import java.util.function.IntToDoubleFunction;

/** The exact decision of a near tie, shared by the nearest-centroid kernels. */
final class NearTies {
  private static final double UNIT_ROUNDOFF = 0x1p-24;

  private NearTies() {}

  /**
   * The factor that, times {@code ||x||^2 + max ||c||^2}, bounds how far apart two approximate
   * float distances of width {@code d} may be while their exact order differs: each is off by at
   * most about (d + 3) u (||x||^2 + ||c||^2) whatever the order of the sums, a difference of two
   * twice that, and another factor 2 keeps the bound safe.
   */
  static double errorScale(int d) {
    return 4.0 * (d + 4) * UNIT_ROUNDOFF;
  }

  /**
   * Among the first {@code k} approximate distances, those within {@code margin} of the smallest (a
   * set that holds the exact argmin when the margin bounds twice the rounding error) are compared
   * by their {@code exact} distance; the lowest index wins a tie. Where the approximations
   * overflowed, every centroid is compared exactly.
   */
  static int closest(float[] approximate, int k, double margin, IntToDoubleFunction exact) {
    double low = Double.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      low = Math.min(low, approximate[c]);
    }
    double limit = low + margin;
    boolean all = !(limit < Double.POSITIVE_INFINITY);
    int best = -1;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      if (all || approximate[c] <= limit) {
        double dist = exact.applyAsDouble(c);
        if (best < 0 || dist < bestDistance) {
          bestDistance = dist;
          best = c;
        }
      }
    }
    return best;
  }
}
