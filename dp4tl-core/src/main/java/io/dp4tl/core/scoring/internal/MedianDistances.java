package io.dp4tl.core.scoring.internal;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.core.accel.internal.Workers;
import java.util.Arrays;

/**
 * Moderate-DS's distances: per source sample, the Euclidean distance (float64) from its feature
 * to the coordinate-wise median of its class's features (an even count takes the mean of the two
 * middle values). Medians are computed one class at a time (only that class's rows on the heap);
 * distances stream over fixed blocks of rows, so the result does not depend on the thread count.
 */
public final class MedianDistances {
  private static final int BLOCK_FLOATS = 1 << 16;

  private MedianDistances() {}

  /**
   * @param features n x d
   * @param labels class of each sample, each in [0, classes)
   * @param classes number of classes
   * @throws InvalidInputException if a feature is NaN or infinite (names the array and row)
   */
  public static double[] of(FloatMatrix features, IntColumn labels, int classes, int threads, RunControl control) {
    int[][] members = ClassMembers.of(labels, classes);
    int d = features.cols();
    double[][] medians = new double[classes][];
    try (Workers workers = new Workers(threads, control)) {
      workers.forEachBlock(classes, 1, MedianBlock::new,
          (block, first, count, w) -> w.compute(features, members[first]),
          (block, first, count, w) -> {
            if (w.badRow >= 0) {
              throw nonFinite(features, w.badRow);
            }
            medians[first] = w.median.clone();
          },
          "moderate medians");
      double[] distances = new double[labels.size()];
      int blockRows = Math.max(1, BLOCK_FLOATS / Math.max(1, d));
      workers.forEachBlock(labels.size(), blockRows, () -> new DistanceBlock(blockRows, d),
          (block, first, count, w) -> w.compute(features, labels, medians, first, count),
          (block, first, count, w) -> {
            if (w.badRow >= 0) {
              throw nonFinite(features, first + w.badRow);
            }
            System.arraycopy(w.distance, 0, distances, first, count);
          },
          "moderate distances");
      return distances;
    }
  }

  private static InvalidInputException nonFinite(FloatMatrix features, int row) {
    return new InvalidInputException(features + ": row " + row + " holds NaN or infinity; every value must be finite");
  }

  /** Workspace of one class's median. */
  private static final class MedianBlock {
    float[] rows = new float[0];
    float[] column = new float[0];
    double[] median;
    int badRow;

    void compute(FloatMatrix features, int[] members) {
      int d = features.cols();
      int m = members.length;
      badRow = -1;
      median = new double[d];
      if (m == 0) {
        return;
      }
      if (rows.length < m * d) {
        rows = new float[m * d];
        column = new float[m];
      }
      for (int k = 0; k < m; k++) {
        features.copyRows(members[k], 1, rows, k * d);
        for (int j = k * d; j < (k + 1) * d; j++) {
          if (!Float.isFinite(rows[j])) {
            badRow = members[k];
            return;
          }
        }
      }
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < m; k++) {
          column[k] = rows[k * d + j];
        }
        Arrays.sort(column, 0, m);
        median[j] = m % 2 == 1 ? column[m / 2] : ((double) column[m / 2 - 1] + column[m / 2]) / 2;
      }
    }
  }

  /** Workspace of one block of distances. */
  private static final class DistanceBlock {
    final float[] rows;
    final double[] distance;
    int badRow;

    DistanceBlock(int blockRows, int d) {
      rows = new float[blockRows * d];
      distance = new double[blockRows];
    }

    void compute(FloatMatrix features, IntColumn labels, double[][] medians, int first, int count) {
      int d = features.cols();
      badRow = -1;
      features.copyRows(first, count, rows, 0);
      for (int r = 0; r < count; r++) {
        double[] m = medians[labels.get(first + r)];
        double s = 0;
        for (int j = 0; j < d; j++) {
          double e = rows[r * d + j] - m[j];
          s += e * e;
        }
        if (!Double.isFinite(s)) {
          badRow = r;
          return;
        }
        distance[r] = Math.sqrt(s);
      }
    }
  }
}
