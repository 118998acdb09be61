package io.dp4tl.gpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.spi.Accelerator;
import io.dp4tl.api.spi.Registry;
import java.util.SplittableRandom;

/** Shared by the GPU-only tests: the device (or a skip saying there is none) and test data. */
final class GpuTests {
  private static CudaAccelerator cuda;

  private GpuTests() {}

  /** The CUDA accelerator; skips the calling test, saying why, when there is no usable device. */
  static synchronized CudaAccelerator cudaOrSkip() {
    if (cuda == null) {
      cuda = new CudaAccelerator(CudaOptions.fromEnvironment());
    }
    assumeTrue(cuda.available(), () -> "no CUDA device: " + cuda.unavailableReason().orElse(""));
    return cuda;
  }

  /** The CPU accelerator (dp4tl-core) the GPU must agree with. */
  static Accelerator cpu() {
    return Registry.accelerators().find("cpu");
  }

  /**
   * A matrix whose values are computed from (seed, row, column), so that large test inputs need no
   * heap: Gaussian-like noise around one of {@code blobs} well-separated centres (row % blobs), or
   * plain noise when blobs is 0.
   */
  static FloatMatrix generated(int rows, int cols, int blobs, double spread, long seed) {
    return new FloatMatrix() {
      @Override
      public int rows() {
        return rows;
      }

      @Override
      public int cols() {
        return cols;
      }

      @Override
      public void copyRows(int first, int count, float[] dst, int offset) {
        java.util.Objects.checkFromIndexSize(first, count, rows);
        for (int r = 0; r < count; r++) {
          int row = first + r;
          SplittableRandom random = new SplittableRandom(seed * 1_000_003L + row);
          int blob = blobs == 0 ? 0 : row % blobs;
          for (int c = 0; c < cols; c++) {
            double centre = blobs == 0 ? 0 : 100.0 * new SplittableRandom(seed + 31L * blob + 7L * c).nextDouble();
            dst[offset + r * cols + c] = (float) (centre + spread * random.nextGaussian());
          }
        }
      }

      @Override
      public String toString() {
        return "generated[" + rows + " x " + cols + ", blobs " + blobs + "]";
      }
    };
  }

  /** Rows {@code 0, step, 2 step, ...} (k of them) as initial centroids. */
  static float[] rowsAsCentroids(FloatMatrix x, int k, int step) {
    float[] centroids = new float[k * x.cols()];
    for (int j = 0; j < k; j++) {
      x.copyRows(j * step, 1, centroids, j * x.cols());
    }
    return centroids;
  }
}
