package io.dp4tl.core.scoring.internal;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.core.accel.internal.Workers;
import java.util.List;

/**
 * EL2N and last-layer GraNd scores: per source sample, the L2 norm of the cross-entropy gradient
 * with respect to the logits, {@code ||softmax(z) - onehot(y)||}, optionally times
 * {@code sqrt(1 + ||h||^2)} (the same gradient with respect to the last layer's weights and bias,
 * h the penultimate feature), averaged over R runs. In float64, softmax with the row maximum
 * subtracted. Rows are streamed in fixed blocks; each sample's value depends on its own row only,
 * so the result does not depend on the thread count.
 */
public final class ErrorNorms {
  private static final int BLOCK_FLOATS = 1 << 16;

  private ErrorNorms() {}

  /**
   * The mean over runs of each sample's error norm.
   *
   * @param logits R logits arrays, n x S each
   * @param features R penultimate feature arrays (GraNd), or an empty list (EL2N)
   * @param labels the class of each sample, each in [0, S) (checked by the caller)
   * @throws InvalidInputException if a logit or feature is NaN or infinite (names the array and row)
   */
  public static double[] mean(List<FloatMatrix> logits, List<FloatMatrix> features, IntColumn labels, int threads,
      RunControl control) {
    int n = labels.size();
    double[] sum = new double[n];
    try (Workers workers = new Workers(threads, control)) {
      for (int r = 0; r < logits.size(); r++) {
        FloatMatrix z = logits.get(r);
        FloatMatrix h = features.isEmpty() ? null : features.get(r);
        int width = z.cols() + (h == null ? 0 : h.cols());
        int blockRows = Math.max(1, BLOCK_FLOATS / Math.max(1, width));
        workers.forEachBlock(n, blockRows, () -> new Block(blockRows, z.cols(), h == null ? 0 : h.cols()),
            (block, first, count, w) -> w.compute(z, h, labels, first, count),
            (block, first, count, w) -> {
              if (w.badRow >= 0) {
                throw new InvalidInputException((w.badInFeatures ? h : z) + ": row " + (first + w.badRow)
                    + " holds NaN or infinity; every value must be finite");
              }
              for (int i = 0; i < count; i++) {
                sum[first + i] += w.norm[i];
              }
            },
            features.isEmpty() ? "el2n" : "grand");
      }
    }
    for (int i = 0; i < n; i++) {
      sum[i] /= logits.size();
    }
    return sum;
  }

  /** Workspace of one block of rows. */
  private static final class Block {
    final float[] z;
    final float[] h;
    final double[] p;
    final double[] norm;
    int badRow;
    boolean badInFeatures;

    Block(int blockRows, int classes, int dims) {
      z = new float[blockRows * classes];
      h = new float[blockRows * dims];
      p = new double[classes];
      norm = new double[blockRows];
    }

    void compute(FloatMatrix logits, FloatMatrix features, IntColumn labels, int first, int count) {
      badRow = -1;
      int s = logits.cols();
      logits.copyRows(first, count, z, 0);
      int d = features == null ? 0 : features.cols();
      if (features != null) {
        features.copyRows(first, count, h, 0);
      }
      for (int r = 0; r < count; r++) {
        int o = r * s;
        double max = Double.NEGATIVE_INFINITY;
        boolean finite = true;
        for (int c = 0; c < s; c++) {
          finite &= Float.isFinite(z[o + c]);
          max = Math.max(max, z[o + c]);
        }
        if (!finite) {
          fail(r, false);
          return;
        }
        double total = 0;
        for (int c = 0; c < s; c++) {
          p[c] = Math.exp(z[o + c] - max);
          total += p[c];
        }
        int y = labels.get(first + r);
        double squares = 0;
        for (int c = 0; c < s; c++) {
          double e = p[c] / total - (c == y ? 1 : 0);
          squares += e * e;
        }
        double value = Math.sqrt(squares);
        if (features != null) {
          double hh = 0;
          for (int j = r * d; j < (r + 1) * d; j++) {
            hh += (double) h[j] * h[j];
          }
          if (!Double.isFinite(hh)) {
            fail(r, true);
            return;
          }
          value *= Math.sqrt(1 + hh);
        }
        norm[r] = value;
      }
    }

    private void fail(int row, boolean inFeatures) {
      badRow = row;
      badInFeatures = inFeatures;
    }
  }
}
