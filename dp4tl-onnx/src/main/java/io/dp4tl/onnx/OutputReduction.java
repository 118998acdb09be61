package io.dp4tl.onnx;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Turns one sample's slice of a model output tensor into a row of logits or features: the
 * identity for {@code [N, K]} classifiers, a pooling over time steps for sequence models
 * {@code [N, T, K]}, or a model-specific mapping (e.g. dp4tl-examples' PP-OCR surrogate). Implementations
 * are stateless and thread-safe.
 */
public interface OutputReduction {

  /**
   * Width of the row produced for a sample whose output has this shape (batch axis removed).
   *
   * @throws IllegalArgumentException if the shape does not suit this reduction
   */
  int width(long[] sampleShape);

  /**
   * Reduces one sample: its values start at {@code src.get(srcOffset)}, row-major in
   * {@code sampleShape}; writes {@link #width} floats to {@code dst} from {@code dstOffset}.
   */
  void reduce(FloatBuffer src, int srcOffset, long[] sampleShape, float[] dst, int dstOffset);

  /** Every value of the sample, row-major (the identity for {@code [N, K]} outputs). */
  static OutputReduction flatten() {
    return Reductions.FLATTEN;
  }

  /** {@code [T, K] -> K}: the maximum over the time steps T of each of the K values. */
  static OutputReduction maxOverSteps() {
    return Reductions.MAX_OVER_STEPS;
  }

  /** {@code [T, K] -> K}: the mean over the time steps T of each of the K values. */
  static OutputReduction meanOverSteps() {
    return Reductions.MEAN_OVER_STEPS;
  }

  /** The built-in reductions. */
  enum Reductions implements OutputReduction {
    FLATTEN {
      @Override
      public int width(long[] sampleShape) {
        long n = 1;
        for (long d : sampleShape) {
          n *= d;
        }
        checkArgument(n > 0 && n <= Integer.MAX_VALUE, "cannot flatten an output of shape %s", Arrays.toString(sampleShape));
        return (int) n;
      }

      @Override
      public void reduce(FloatBuffer src, int srcOffset, long[] sampleShape, float[] dst, int dstOffset) {
        src.get(srcOffset, dst, dstOffset, width(sampleShape));
      }
    },
    MAX_OVER_STEPS {
      @Override
      public int width(long[] sampleShape) {
        return steps(sampleShape);
      }

      @Override
      public void reduce(FloatBuffer src, int srcOffset, long[] sampleShape, float[] dst, int dstOffset) {
        int k = (int) sampleShape[1];
        int t = (int) sampleShape[0];
        src.get(srcOffset, dst, dstOffset, k);
        for (int s = 1; s < t; s++) {
          int at = srcOffset + s * k;
          for (int c = 0; c < k; c++) {
            dst[dstOffset + c] = Math.max(dst[dstOffset + c], src.get(at + c));
          }
        }
      }
    },
    MEAN_OVER_STEPS {
      @Override
      public int width(long[] sampleShape) {
        return steps(sampleShape);
      }

      @Override
      public void reduce(FloatBuffer src, int srcOffset, long[] sampleShape, float[] dst, int dstOffset) {
        int k = (int) sampleShape[1];
        int t = (int) sampleShape[0];
        for (int c = 0; c < k; c++) {
          float sum = 0f;
          for (int s = 0; s < t; s++) {
            sum += src.get(srcOffset + s * k + c);
          }
          dst[dstOffset + c] = sum / t;
        }
      }
    };

    private static int steps(long[] shape) {
      checkArgument(shape.length == 2 && shape[0] > 0 && shape[1] > 0,
          "pooling over time steps needs a [T, K] output per sample, got %s", Arrays.toString(shape));
      return (int) shape[1];
    }
  }
}
