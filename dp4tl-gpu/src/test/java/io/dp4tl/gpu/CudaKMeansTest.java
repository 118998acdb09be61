package io.dp4tl.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Accelerator;
import io.dp4tl.api.spi.Accelerator.KMeansResult;
import org.junit.jupiter.api.Test;

/** GPU only: k-means, nearest-centroid mapping and the LM histogram against the CPU accelerator. */
class CudaKMeansTest {

  @Test
  void wellSeparatedDataGivesTheCpuPartitionOverSeveralChunks() {
    CudaAccelerator cuda = GpuTests.cudaOrSkip();
    FloatMatrix x = GpuTests.generated(300_000, 16, 20, 1.0, 11);
    float[] initial = GpuTests.rowsAsCentroids(x, 20, 7);

    KMeansResult gpu = cuda.lloyd(x, initial, 20, 30, 1e-6, 4, RunControl.none());
    KMeansResult cpu = GpuTests.cpu().lloyd(x, initial, 20, 30, 1e-6, 4, RunControl.none());

    assertThat(gpu.assignment()).containsExactly(cpu.assignment());
    assertThat(gpu.iterations()).isEqualTo(cpu.iterations());
    assertThat(gpu.inertia()).isCloseTo(cpu.inertia(), within(1e-9 * cpu.inertia()));
    for (int i = 0; i < x.rows(); i += 997) {
      assertThat(gpu.assignment()[i]).isEqualTo(gpu.assignment()[i % 20]);
    }
  }

  @Test
  void randomDataEndsWithinOneInTenThousandOfTheCpuInertia() {
    CudaAccelerator cuda = GpuTests.cudaOrSkip();
    FloatMatrix x = GpuTests.generated(200_000, 64, 0, 1.0, 12);
    float[] initial = GpuTests.rowsAsCentroids(x, 100, 13);

    KMeansResult gpu = cuda.lloyd(x, initial, 100, 15, 0, 4, RunControl.none());
    KMeansResult cpu = GpuTests.cpu().lloyd(x, initial, 100, 15, 0, 4, RunControl.none());

    assertThat(gpu.inertia()).isCloseTo(cpu.inertia(), within(1e-4 * cpu.inertia()));
    assertThat(gpu.centroids()).hasSize(100 * 64);
    assertThat(gpu.assignment()).containsExactly(cuda.nearest(x, gpu.centroids(), 100, 4, RunControl.none()));
  }

  @Test
  void emptyClusterIsReseededLikeTheCpu() {
    CudaAccelerator cuda = GpuTests.cudaOrSkip();
    FloatMatrix x = GpuTests.generated(5_000, 8, 3, 0.5, 14);
    float[] initial = GpuTests.rowsAsCentroids(x, 4, 3);
    for (int c = 0; c < 8; c++) {
      initial[3 * 8 + c] = 1.0e4f;
    }

    KMeansResult gpu = cuda.lloyd(x, initial, 4, 20, 1e-7, 2, RunControl.none());
    KMeansResult cpu = GpuTests.cpu().lloyd(x, initial, 4, 20, 1e-7, 2, RunControl.none());

    assertThat(gpu.assignment()).containsExactly(cpu.assignment());
    assertThat(gpu.centroids()).containsExactly(cpu.centroids());
    assertThat(gpu.iterations()).isEqualTo(cpu.iterations());
    assertThat(java.util.Arrays.stream(gpu.assignment()).distinct().count()).isEqualTo(4);
  }

  @Test
  void isDeterministicAndIndependentOfWhereTheRowsLive() {
    CudaAccelerator cuda = GpuTests.cudaOrSkip();
    FloatMatrix x = GpuTests.generated(150_000, 24, 0, 1.0, 15);
    float[] initial = GpuTests.rowsAsCentroids(x, 40, 17);

    KMeansResult first = cuda.lloyd(x, initial, 40, 8, 0, 1, RunControl.none());
    KMeansResult again = cuda.lloyd(x, initial, 40, 8, 0, 3, RunControl.none());
    CudaAccelerator streaming = new CudaAccelerator(CudaOptions.fromEnvironment().withRowMemoryLimit(1 << 20));
    KMeansResult streamed = streaming.lloyd(x, initial, 40, 8, 0, 2, RunControl.none());

    assertThat(again.centroids()).containsExactly(first.centroids());
    assertThat(again.assignment()).containsExactly(first.assignment());
    assertThat(again.inertia()).isEqualTo(first.inertia());
    assertThat(streamed.centroids()).containsExactly(first.centroids());
    assertThat(streamed.assignment()).containsExactly(first.assignment());
    assertThat(streamed.inertia()).isEqualTo(first.inertia());
  }

  @Test
  void nearestBreaksExactTiesTowardsTheLowestIndex() {
    CudaAccelerator cuda = GpuTests.cudaOrSkip();
    FloatMatrix x = FloatMatrix.of(new float[] {0, 0, 3, 4, -1, 0, 1, 0}, 4, 2);
    float[] centroids = {3, 4, -1, 0, 1, 0, 3, 4};

    assertThat(cuda.nearest(x, centroids, 4, 1, RunControl.none())).containsExactly(1, 0, 1, 2);
  }

  @Test
  void nearestMatchesTheCpuOnManyRows() {
    CudaAccelerator cuda = GpuTests.cudaOrSkip();
    FloatMatrix x = GpuTests.generated(400_000, 48, 0, 1.0, 16);
    float[] centroids = GpuTests.rowsAsCentroids(GpuTests.generated(1000, 48, 0, 0.3, 17), 1000, 1);

    assertThat(cuda.nearest(x, centroids, 1000, 4, RunControl.none()))
        .containsExactly(GpuTests.cpu().nearest(x, centroids, 1000, 4, RunControl.none()));
  }

  @Test
  void largeLogitMatricesGiveTheCpuHistogram() {
    CudaAccelerator cuda = GpuTests.cudaOrSkip();
    FloatMatrix logits = GpuTests.generated(120_000, 1000, 0, 1.0, 18);

    assertThat(cuda.argmaxHistogram(logits, 4, RunControl.none()))
        .containsExactly(GpuTests.cpu().argmaxHistogram(logits, 4, RunControl.none()));
  }

  @Test
  void rowsWithNanOrInfinityAreNamed() {
    CudaAccelerator cuda = GpuTests.cudaOrSkip();
    float[] values = new float[40 * 3];
    values[17 * 3 + 1] = Float.NaN;
    values[29 * 3] = Float.POSITIVE_INFINITY;
    FloatMatrix x = FloatMatrix.of(values, 40, 3);

    assertThatThrownBy(() -> cuda.argmaxHistogram(x, 1, RunControl.none()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("row 17 ");
    assertThatThrownBy(() -> cuda.nearest(x, new float[6], 2, 1, RunControl.none()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("row 17 ");
    assertThatThrownBy(() -> cuda.lloyd(x, new float[] {0, 0, 0, 1, 1, 1}, 2, 3, 0, 1, RunControl.none()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("row 17 ");
  }

  @Test
  void tf32IsOffUnlessAllowed() {
    CudaAccelerator cuda = GpuTests.cudaOrSkip();
    Accelerator tf32 = new CudaAccelerator(CudaOptions.fromEnvironment().withTf32(true));

    assertThat(cuda.deviceDescription()).hasValueSatisfying(d -> assertThat(d).doesNotContain("TF32"));
    assertThat(tf32.available()).isTrue();
    assertThat(((CudaAccelerator) tf32).deviceDescription())
        .hasValueSatisfying(d -> assertThat(d).contains("TF32 allowed"));
  }
}
