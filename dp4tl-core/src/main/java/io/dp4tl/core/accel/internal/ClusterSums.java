package io.dp4tl.core.accel.internal;

import java.util.Arrays;

/**
 * Per-block partial sums of rows by cluster, kept only for the clusters the block touches (at
 * most one slot per row of the block), so the memory does not grow with the number of clusters.
 * {@link #addTo} adds them into global sums; called in block order, the totals do not depend on
 * how blocks were spread over threads.
 */
public final class ClusterSums {
  private final int d;
  private final int[] slotOf;
  private final int[] slotCluster;
  private final long[] slotCount;
  private final double[] slotSums;
  private int used;

  /**
   * @param clusters number of clusters
   * @param blockRows most rows per block
   * @param d row width
   */
  public ClusterSums(int clusters, int blockRows, int d) {
    this.d = d;
    this.slotOf = new int[clusters];
    Arrays.fill(slotOf, -1);
    this.slotCluster = new int[blockRows];
    this.slotCount = new long[blockRows];
    this.slotSums = new double[blockRows * d];
  }

  /** Forgets the previous block. */
  public void clear() {
    for (int s = 0; s < used; s++) {
      slotOf[slotCluster[s]] = -1;
    }
    Arrays.fill(slotSums, 0, used * d, 0);
    Arrays.fill(slotCount, 0, used, 0);
    used = 0;
  }

  /** Adds the row at {@code offset} of {@code rows} to {@code cluster}. */
  public void add(int cluster, float[] rows, int offset) {
    int s = slotOf[cluster];
    if (s < 0) {
      s = used++;
      slotOf[cluster] = s;
      slotCluster[s] = cluster;
    }
    slotCount[s]++;
    int o = s * d;
    for (int j = 0; j < d; j++) {
      slotSums[o + j] += rows[offset + j];
    }
  }

  /** Adds this block's sums into {@code sums} ({@code clusters * d}) and counts into {@code counts}. */
  public void addTo(double[] sums, long[] counts) {
    for (int s = 0; s < used; s++) {
      int c = slotCluster[s];
      counts[c] += slotCount[s];
      int o = c * d;
      int so = s * d;
      for (int j = 0; j < d; j++) {
        sums[o + j] += slotSums[so + j];
      }
    }
  }
}
