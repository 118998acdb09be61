package io.dp4tl.core.accel.internal;

/**
 * Per-cluster sums of rows, in double, each cluster adding its rows in row order: called block
 * by block in block order (on the combining thread of {@link Workers}), the totals are the same
 * bits whatever the thread count.
 */
public final class ClusterSums {
  private ClusterSums() {}

  /**
   * Adds each of {@code count} rows of width {@code d} (row-major in {@code rows} from 0) to the
   * sum ({@code sums}, {@code clusters * d}) and count of its cluster {@code clusters[r]}.
   */
  public static void addRows(float[] rows, int[] clusters, int count, int d, double[] sums, long[] counts) {
    for (int r = 0; r < count; r++) {
      int c = clusters[r];
      counts[c]++;
      int o = c * d;
      int ro = r * d;
      for (int j = 0; j < d; j++) {
        sums[o + j] += rows[ro + j];
      }
    }
  }
}
