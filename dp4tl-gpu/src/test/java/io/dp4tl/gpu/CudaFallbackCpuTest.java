package io.dp4tl.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.Device;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Accelerator;
import io.dp4tl.api.spi.Accelerator.KMeansResult;
import io.dp4tl.api.spi.Registry;
import io.dp4tl.core.io.Npy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where CUDA cannot be loaded (confined to an empty folder, so this runs the same with and
 * without a GPU), the accelerator's results are the CPU accelerator's, found through the registry
 * as in production.
 */
class CudaFallbackCpuTest {
  private static final Path PARITY =
      Path.of(System.getProperty("dp4tl.parity.dir", "../dp4tl-core/src/test/resources/parity"));

  @TempDir Path empty;

  private CudaAccelerator absent() {
    CudaAccelerator cuda = new CudaAccelerator(CudaOptions.defaults().withLibrariesOnlyFrom(List.of(empty)));
    assertThat(cuda.available()).isFalse();
    return cuda;
  }

  @Test
  void histogramNearestAndLloydEqualTheCpuAccelerator() {
    CudaAccelerator cuda = absent();
    Accelerator cpu = Registry.accelerators().find("cpu");
    FloatMatrix logits = Npy.readMatrix(PARITY.resolve("lm-imagenet-shape/target_logits.npy"), "target logits");
    FloatMatrix features = Npy.readMatrix(PARITY.resolve("fm-wide/source_features.npy"), "source features");
    float[] initial = GpuTests.rowsAsCentroids(features, 6, 11);

    assertThat(cuda.argmaxHistogram(logits, 2, RunControl.none()))
        .containsExactly(cpu.argmaxHistogram(logits, 2, RunControl.none()));
    assertThat(cuda.nearest(features, initial, 6, 2, RunControl.none()))
        .containsExactly(cpu.nearest(features, initial, 6, 2, RunControl.none()));
    KMeansResult viaCuda = cuda.lloyd(features, initial, 6, 10, 1e-6, 2, RunControl.none());
    KMeansResult direct = cpu.lloyd(features, initial, 6, 10, 1e-6, 2, RunControl.none());
    assertThat(viaCuda.centroids()).containsExactly(direct.centroids());
    assertThat(viaCuda.assignment()).containsExactly(direct.assignment());
    assertThat(viaCuda.inertia()).isEqualTo(direct.inertia());
    assertThat(viaCuda.iterations()).isEqualTo(direct.iterations());
  }

  @Test
  void deviceGpuResolvesToCudaOnlyWhereItIsAvailable() {
    Accelerator registered = Registry.accelerators().find("cuda");

    assertThat(Device.gpu().resolve().name()).isEqualTo(registered.available() ? "cuda" : "cpu");
    assertThat(Device.auto().resolve().name()).isEqualTo(registered.available() ? "cuda" : "cpu");
    assertThat(Device.cpu().resolve().name()).isEqualTo("cpu");
  }

  @Test
  void badRowsAreReportedByTheCpuAccelerator() {
    CudaAccelerator cuda = absent();
    float[] values = new float[5 * 2];
    values[3 * 2 + 1] = Float.NaN;

    assertThatThrownBy(() -> cuda.argmaxHistogram(FloatMatrix.of(values, 5, 2), 1, RunControl.none()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 3 ");
  }
}
