package io.dp4tl.core.accel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GemmNearestTest {

  /** A plain Java sgemm summing in reverse order: other rounding than both real kernels. */
  private static final Sgemm REVERSED = new Sgemm() {
    @Override
    public void multiplyTransposed(int m, int n, int k, float alpha, float[] a, int aOffset, float[] b,
        int bOffset, float[] c) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          float s = 0;
          for (int l = k - 1; l >= 0; l--) {
            s += a[aOffset + i * k + l] * b[bOffset + j * k + l];
          }
          c[i * n + j] = alpha * s;
        }
      }
    }

    @Override
    public String description() {
      return "reversed Java loop";
    }
  };

  @ParameterizedTest
  @CsvSource({"1, 7", "3, 40", "17, 300", "129, 64", "5, 1500"})
  void givesTheExactArgminLikeTheJavaKernel(int d, int k) {
    Case c = Case.withNearTies(d, k, 700, d * 31L + k);
    int[] expected = c.bruteForce();
    assertThat(c.assign(new NearestKernel(c.centroids, k, d))).containsExactly(expected);
    assertThat(c.assign(new GemmNearest(REVERSED, new ScalarBestTwo(), c.centroids, k, d)))
        .containsExactly(expected);
    assertThat(c.assign(new GemmNearest(REVERSED, BestTwoScan.fastest(), c.centroids, k, d)))
        .containsExactly(expected);
  }

  @ParameterizedTest
  @CsvSource({"1, 7", "17, 300", "128, 1000", "5, 1500"})
  void nativeBlasGivesTheSameAssignments(int d, int k) {
    assumeTrue(NativeBlas.sgemm().isPresent(), "OpenBLAS through FFM (Java 22+, libopenblas0)");
    Case c = Case.withNearTies(d, k, 1100, d * 17L + k);
    int[] expected = c.bruteForce();
    assertThat(c.assign(NearestSearch.of(c.centroids, k, d))).containsExactly(expected);
  }

  @Test
  void overflowingDistancesFallBackToExactComparison() {
    float[] centroids = {3e38f, 0, -3e38f, 0};
    float[] x = {2.9e38f, 0, -2.9e38f, 1};
    int[] out = new int[2];
    double[] norms = new double[2];
    RowChecks.squaredNorms(x, 2, 2, norms);
    GemmNearest search = new GemmNearest(REVERSED, BestTwoScan.fastest(), centroids, 2, 2);
    search.assign(x, 2, norms, out, 0, search.scratch());
    assertThat(out).containsExactly(0, 1);
  }

  /** Rows and centroids on a coarse grid, centroids partly duplicated: many exact and near ties. */
  private record Case(float[] x, int n, float[] centroids, int k, int d) {
    static Case withNearTies(int d, int k, int n, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      float[] x = new float[n * d];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextInt(7) * 0.25f + (random.nextInt(50) == 0 ? 1e-6f : 0);
      }
      float[] centroids = new float[k * d];
      for (int c = 0; c < k; c++) {
        int from = c % 3 == 2 ? (c - 1) * d : random.nextInt(n) * d;
        System.arraycopy(c % 3 == 2 ? centroids : x, from, centroids, c * d, d);
      }
      return new Case(x, n, centroids, k, d);
    }

    int[] assign(NearestSearch search) {
      int[] out = new int[n];
      NearestSearch.Scratch scratch = search.scratch();
      double[] norms = new double[Lloyd.BLOCK_ROWS];
      float[] block = new float[Lloyd.BLOCK_ROWS * d];
      for (int first = 0; first < n; first += Lloyd.BLOCK_ROWS) {
        int count = Math.min(Lloyd.BLOCK_ROWS, n - first);
        System.arraycopy(x, first * d, block, 0, count * d);
        RowChecks.squaredNorms(block, count, d, norms);
        search.assign(block, count, norms, out, first, scratch);
      }
      return out;
    }

    int[] bruteForce() {
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double s = Distances.squared(x, i * d, centroids, c * d, d);
          if (s < best) {
            best = s;
            out[i] = c;
          }
        }
      }
      return out;
    }
  }
}
