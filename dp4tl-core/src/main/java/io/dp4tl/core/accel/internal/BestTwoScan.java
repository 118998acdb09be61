package io.dp4tl.core.accel.internal;

/**
 * Folds one distance GEMM's output into each row's best and second-best approximate distance, for
 * {@link GemmNearest}. The output is centroid-major: {@code products[c * m + i]} holds
 * {@code -2 x_i.c} for centroid {@code first + c} and row {@code row0 + i}; the distance is that plus
 * {@code norms[first + c]}. Centroids are taken in ascending order and only a strictly smaller
 * distance replaces the best, so the best's index is the lowest among equal distances; a NaN
 * distance changes nothing. Every implementation gives the same bits.
 *
 * <p>{@link #fastest()} is the Vector API scan ({@code jdk.incubator.vector}, in dp4tl-core's Java 22
 * part) when the JVM was started with {@code --add-modules jdk.incubator.vector}, else the scalar
 * {@link ScalarBestTwo}; one log line says which.
 */
public interface BestTwoScan {

  /**
   * Folds centroids {@code [first, first + n)} into rows {@code [row0, row0 + m)} of best, second
   * and index, which hold the earlier tiles' result (before the first: infinity, infinity, -1).
   */
  void fold(float[] products, int m, int n, float[] norms, int first, float[] best, float[] second, int[] index,
      int row0);

  /** What computes it, for log lines. */
  String description();

  /** The Vector API scan where the JVM has it, else the scalar one; chosen and logged once. */
  static BestTwoScan fastest() {
    return FastestScan.SCAN;
  }
}
