package io.dp4tl.core.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.CancelledException;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.Cancellation;
import io.dp4tl.api.progress.ProgressListener;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Accelerator.KMeansResult;
import io.dp4tl.api.spi.Registry;
import io.dp4tl.core.TestData;
import org.junit.jupiter.api.Test;

class CpuAcceleratorTest {
  private final CpuAccelerator cpu = new CpuAccelerator();

  @Test
  void isRegisteredAndAvailable() {
    assertThat(Registry.accelerators().find("cpu")).isInstanceOf(CpuAccelerator.class);
    assertThat(cpu.available()).isTrue();
  }

  @Test
  void argmaxHistogramCountsWithLowestColumnOnTies() {
    FloatMatrix logits = FloatMatrix.of(new float[] {
        1, 3, 3, 0,
        5, 5, 5, 5,
        -1, -2, -3, -0.5f,
        0, 0, 0, 7}, 4, 4);
    assertThat(cpu.argmaxHistogram(logits, 1, RunControl.none())).containsExactly(1, 1, 0, 2);
  }

  @Test
  void argmaxHistogramIsTheSameForOneAndTwoThreads() {
    FloatMatrix logits = TestData.gaussian(5000, 37, 3);
    long[] one = cpu.argmaxHistogram(logits, 1, RunControl.none());
    assertThat(cpu.argmaxHistogram(logits, 2, RunControl.none())).containsExactly(one);
    assertThat(java.util.Arrays.stream(one).sum()).isEqualTo(5000);
  }

  @Test
  void argmaxHistogramNamesTheRowHoldingNegativeInfinity() {
    FloatMatrix logits = TestData.with(TestData.gaussian(3000, 5, 1), 2345, 4, Float.NEGATIVE_INFINITY);
    assertThatThrownBy(() -> cpu.argmaxHistogram(logits, 2, RunControl.none()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 2345")
        .hasMessageContaining("-Infinity at column 4");
  }

  @Test
  void nearestIsTheExactArgminWithLowestIndexOnTies() {
    FloatMatrix x = TestData.gaussian(1037, 13, 5);
    float[] centroids = new float[40 * 13];
    x.copyRows(0, 20, centroids, 0);
    x.copyRows(0, 20, centroids, 20 * 13); // centroids 20..39 duplicate 0..19: every row's tie goes low
    int[] got = cpu.nearest(x, centroids, 40, 2, RunControl.none());
    float[] row = new float[13];
    for (int i = 0; i < x.rows(); i++) {
      x.copyRows(i, 1, row, 0);
      int best = 0;
      double bestDistance = Double.POSITIVE_INFINITY;
      for (int c = 0; c < 40; c++) {
        double s = 0;
        for (int j = 0; j < 13; j++) {
          double e = (double) row[j] - centroids[c * 13 + j];
          s += e * e;
        }
        if (s < bestDistance) {
          bestDistance = s;
          best = c;
        }
      }
      assertThat(got[i]).as("row %s", i).isEqualTo(best);
    }
    assertThat(java.util.Arrays.stream(got).max().getAsInt()).isLessThan(20);
  }

  @Test
  void nearestResolvesAnExactTieToTheFirstCentroid() {
    FloatMatrix x = FloatMatrix.of(new float[] {0.5f, 0, 0.5f, 3}, 2, 2);
    assertThat(cpu.nearest(x, new float[] {0, 0, 1, 0}, 2, 1, RunControl.none())).containsExactly(0, 0);
    assertThat(cpu.nearest(x, new float[] {1, 0, 0, 0}, 2, 1, RunControl.none())).containsExactly(0, 0);
  }

  @Test
  void nearestResolvesNearTiesLikeExactArithmetic() {
    // Large norms, tiny differences: float GEMM-style distances cannot tell these apart.
    float base = 10000f;
    float[] centroids = {base, base, base + 0.001f, base - 0.001f};
    FloatMatrix x = FloatMatrix.of(new float[] {base + 0.0009f, base + 0.0001f, base, base}, 2, 2);
    int[] got = cpu.nearest(x, centroids, 2, 1, RunControl.none());
    float[] row = new float[4];
    x.copyRows(0, 2, row, 0);
    for (int i = 0; i < 2; i++) {
      double d0 = sq(row[2 * i] - (double) centroids[0]) + sq(row[2 * i + 1] - (double) centroids[1]);
      double d1 = sq(row[2 * i] - (double) centroids[2]) + sq(row[2 * i + 1] - (double) centroids[3]);
      assertThat(got[i]).isEqualTo(d1 < d0 ? 1 : 0);
    }
  }

  @Test
  void nearestNamesTheRowHoldingNaN() {
    FloatMatrix x = TestData.with(TestData.gaussian(700, 3, 1), 612, 1, Float.NaN);
    assertThatThrownBy(() -> cpu.nearest(x, new float[] {0, 0, 0}, 1, 2, RunControl.none()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 612")
        .hasMessageContaining("NaN at column 1");
  }

  @Test
  void lloydIsBitIdenticalForOneAndTwoThreads() {
    FloatMatrix x = TestData.gaussian(4000, 9, 11);
    float[] initial = new float[25 * 9];
    x.copyRows(100, 25, initial, 0);
    KMeansResult one = cpu.lloyd(x, initial, 25, 20, 0, 1, RunControl.none());
    KMeansResult two = cpu.lloyd(x, initial, 25, 20, 0, 2, RunControl.none());
    assertThat(two.centroids()).containsExactly(one.centroids());
    assertThat(two.assignment()).containsExactly(one.assignment());
    assertThat(Double.doubleToLongBits(two.inertia())).isEqualTo(Double.doubleToLongBits(one.inertia()));
    assertThat(two.iterations()).isEqualTo(one.iterations());
  }

  @Test
  void lloydStopsWhenCancelled() {
    Cancellation cancellation = Cancellation.create();
    RunControl control = new RunControl(new ProgressListener() {
      @Override
      public void advanced(String task, long done, long total) {
        cancellation.cancel();
      }
    }, cancellation);
    FloatMatrix x = TestData.gaussian(3000, 4, 2);
    float[] initial = new float[8 * 4];
    x.copyRows(0, 8, initial, 0);
    assertThatThrownBy(() -> cpu.lloyd(x, initial, 8, 50, 0, 2, control)).isInstanceOf(CancelledException.class);
  }

  private static double sq(double v) {
    return v * v;
  }
}
