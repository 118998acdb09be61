package io.dp4tl.core.accel.internal;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The checked centroids every nearest-centroid kernel starts from: each centroid's squared norm
 * (as a row's, {@link RowChecks#squaredNorms}) and the largest of them, which bounds the rounding
 * error of approximate distances ({@link NearTies}).
 *
 * @param squared squared norm of each centroid
 * @param max the largest squared norm
 */
record CentroidNorms(double[] squared, double max) {
  /**
   * @param centroids {@code k * d} floats, row-major
   * @throws IllegalArgumentException if the sizes disagree or a centroid is not finite (names it)
   */
  static CentroidNorms of(float[] centroids, int k, int d) {
    checkArgument(k >= 1 && d >= 1, "need k >= 1 and d >= 1, got k=%s d=%s", k, d);
    checkArgument(centroids.length == (long) k * d, "%s floats are not %s centroids of width %s",
        centroids.length, k, d);
    double[] squared = new double[k];
    int bad = RowChecks.squaredNorms(centroids, k, d, squared);
    if (bad >= 0) {
      int j = 0;
      while (Float.isFinite(centroids[bad * d + j])) {
        j++;
      }
      throw new IllegalArgumentException("centroid " + bad + " holds " + centroids[bad * d + j] + " at column " + j);
    }
    double max = 0;
    for (double s : squared) {
      max = Math.max(max, s);
    }
    return new CentroidNorms(squared, max);
  }
}
