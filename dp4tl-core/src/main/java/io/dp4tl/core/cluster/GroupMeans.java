package io.dp4tl.core.cluster;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.core.accel.internal.ClusterSums;
import io.dp4tl.core.accel.internal.RowChecks;
import io.dp4tl.core.accel.internal.Workers;

/**
 * The mean row of each group (centroids of given clusters or classes): each group's rows added in
 * double in row order ({@link ClusterSums}), so the result does not depend on the thread count.
 *
 * @param means {@code groups * d} floats, row-major; rows of empty groups are zero
 * @param counts members of each group
 */
public record GroupMeans(float[] means, long[] counts) {
  private static final int BLOCK_ROWS = 1024;

  /** Copies the arrays in. */
  public GroupMeans {
    means = means.clone();
    counts = counts.clone();
  }

  /** A copy of the means. */
  @Override
  public float[] means() {
    return means.clone();
  }

  /** A copy of the counts. */
  @Override
  public long[] counts() {
    return counts.clone();
  }

  /** Number of groups. */
  public int groupCount() {
    return counts.length;
  }

  /** Whether group {@code g} has no member. */
  public boolean isEmpty(int g) {
    return counts[g] == 0;
  }

  /**
   * Computes the group means of the rows of {@code x}.
   *
   * @param groups group of each row, in {@code [0, groupCount)}
   * @throws IllegalArgumentException if groups does not have one entry per row, or one is out of range
   * @throws io.dp4tl.api.InvalidInputException if a row holds NaN or infinity (names the row)
   * @throws io.dp4tl.api.CancelledException if cancelled
   */
  public static GroupMeans of(FloatMatrix x, IntColumn groups, int groupCount, int threads, RunControl control) {
    requireNonNull(x, "x");
    requireNonNull(groups, "groups");
    requireNonNull(control, "control");
    checkArgument(groups.size() == x.rows(), "%s groups for %s rows", groups.size(), x.rows());
    int bad = groups.firstRowOutside(0, groupCount);
    checkArgument(bad < 0, "group %s of row %s outside [0, %s)", bad < 0 ? 0 : groups.get(bad), bad, groupCount);
    int d = x.cols();
    double[] sums = new double[groupCount * d];
    long[] counts = new long[groupCount];
    try (Workers workers = new Workers(threads, control)) {
      workers.forEachBlock(x.rows(), BLOCK_ROWS, () -> new Block(d),
          (block, first, count, w) -> w.compute(x, groups, first, count),
          (block, first, count, w) -> ClusterSums.addRows(w.rows, w.groupOf, count, d, sums, counts),
          "group means");
    }
    float[] means = new float[groupCount * d];
    for (int g = 0; g < groupCount; g++) {
      for (int j = 0; counts[g] > 0 && j < d; j++) {
        means[g * d + j] = (float) (sums[g * d + j] / counts[g]);
      }
    }
    return new GroupMeans(means, counts);
  }

  /** Working memory of one block. */
  private static final class Block {
    final float[] rows;
    final double[] norms = new double[BLOCK_ROWS];
    final int[] groupOf = new int[BLOCK_ROWS];

    Block(int d) {
      rows = new float[BLOCK_ROWS * d];
    }

    void compute(FloatMatrix x, IntColumn groups, int first, int count) {
      int d = x.cols();
      x.copyRows(first, count, rows, 0);
      int bad = RowChecks.squaredNorms(rows, count, d, norms);
      if (bad >= 0) {
        throw RowChecks.nonFinite(x, first + bad, rows, bad * d);
      }
      groups.copyTo(first, count, groupOf, 0);
    }
  }
}
