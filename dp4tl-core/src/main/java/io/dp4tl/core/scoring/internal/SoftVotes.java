package io.dp4tl.core.scoring.internal;

import static com.google.common.base.Preconditions.checkArgument;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.core.accel.internal.Workers;
import java.util.Arrays;

/**
 * Soft Label Mapping's evidence: the softmax probability mass each source class receives, summed
 * over the target samples. Summed in double per fixed block of rows and combined in block order,
 * so the result does not depend on the thread count.
 */
public final class SoftVotes {
  private static final int BLOCK_FLOATS = 1 << 16;

  private SoftVotes() {}

  /**
   * @param temperature softmax temperature T (probabilities of logits / T), > 0
   * @param topK when > 0, only each sample's k most probable classes add their probability
   * @throws InvalidInputException if a row holds NaN or infinity (names the row)
   * @throws IllegalArgumentException if temperature is not positive or topK is negative
   */
  public static double[] mass(FloatMatrix logits, double temperature, int topK, int threads, RunControl control) {
    checkArgument(temperature > 0 && Double.isFinite(temperature), "temperature must be > 0, got %s", temperature);
    checkArgument(topK >= 0, "topK must be >= 0, got %s", topK);
    int cols = logits.cols();
    int blockRows = Math.max(1, BLOCK_FLOATS / Math.max(1, cols));
    double[] total = new double[cols];
    try (Workers workers = new Workers(threads, control)) {
      workers.forEachBlock(logits.rows(), blockRows, () -> new Block(blockRows, cols),
          (block, first, count, w) -> w.compute(logits, first, count, temperature, topK),
          (block, first, count, w) -> {
            if (w.badRow >= 0) {
              throw new InvalidInputException(logits + ": row " + (first + w.badRow) + " holds NaN or infinity");
            }
            for (int c = 0; c < cols; c++) {
              total[c] += w.mass[c];
            }
          },
          "soft label mapping");
    }
    return total;
  }

  /** Workspace of one block. */
  private static final class Block {
    final float[] rows;
    final double[] mass;
    final double[] p;
    int badRow;

    Block(int blockRows, int cols) {
      rows = new float[blockRows * cols];
      mass = new double[cols];
      p = new double[cols];
    }

    void compute(FloatMatrix logits, int first, int count, double temperature, int topK) {
      int cols = logits.cols();
      Arrays.fill(mass, 0);
      badRow = -1;
      logits.copyRows(first, count, rows, 0);
      for (int r = 0; r < count; r++) {
        int o = r * cols;
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (int c = 0; c < cols; c++) {
          max = Math.max(max, rows[o + c]);
          min = Math.min(min, rows[o + c]);
        }
        if (!Float.isFinite(max) || !Float.isFinite(min)) {
          badRow = r;
          return;
        }
        double sum = 0;
        for (int c = 0; c < cols; c++) {
          p[c] = Math.exp((rows[o + c] - max) / temperature);
          sum += p[c];
        }
        if (topK <= 0 || topK >= cols) {
          for (int c = 0; c < cols; c++) {
            mass[c] += p[c] / sum;
          }
        } else {
          addTopK(sum, cols, topK);
        }
      }
    }

    /** Adds the k largest probabilities of the row in {@code p}; ties go to the lower class. */
    private void addTopK(double sum, int cols, int topK) {
      for (int k = 0; k < topK; k++) {
        int best = -1;
        for (int c = 0; c < cols; c++) {
          if (p[c] >= 0 && (best < 0 || p[c] > p[best])) {
            best = c;
          }
        }
        mass[best] += p[best] / sum;
        p[best] = -1;
      }
    }
  }
}
