package io.dp4tl.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Accelerator;
import io.dp4tl.api.spi.Registry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accelerator where CUDA cannot be loaded (confined here to an empty folder, so this runs the
 * same on machines with and without a GPU): a clean fallback to the CPU accelerator.
 */
class CudaFallbackTest {
  @TempDir Path empty;

  @Test
  void isDiscoveredByServiceLoaderUnderItsName() {
    assertThat(Registry.accelerators().names()).contains("cuda");
    assertThat(Registry.accelerators().find("cuda")).isInstanceOf(CudaAccelerator.class);
  }

  @Test
  void reportsAbsenceListingThePathsTried() {
    CudaAccelerator cuda = new CudaAccelerator(CudaOptions.defaults().withLibrariesOnlyFrom(List.of(empty)));

    assertThat(cuda.available()).isFalse();
    assertThat(cuda.deviceDescription()).isEmpty();
    assertThat(cuda.unavailableReason()).hasValueSatisfying(reason -> assertThat(reason)
        .startsWith("CUDA driver library not found (tried: ")
        .contains(empty.resolve("libcuda.so.1") + " (absent)")
        .contains(empty.resolve("libcuda.so") + " (absent)")
        .contains("dp4tl.cuda.path")
        .contains("DP4TL_CUDA_PATH"));
  }

  @Test
  void logsOneLineWithoutStackTraceAndHandsEveryCallToTheCpu() {
    Recording cpu = new Recording();
    CudaAccelerator cuda = new CudaAccelerator(CudaOptions.defaults().withLibrariesOnlyFrom(List.of(empty)), () -> cpu);
    FloatMatrix x = FloatMatrix.of(new float[] {0, 0, 1, 1, 5, 5}, 3, 2);
    float[] centroids = {0, 0, 5, 5};
    RunControl control = RunControl.none();

    List<String> log = stderrOf(() -> {
      assertThat(cuda.available()).isFalse();
      assertThat(cuda.argmaxHistogram(x, 3, control)).isSameAs(cpu.histogram);
      assertThat(cuda.nearest(x, centroids, 2, 2, control)).isSameAs(cpu.assignment);
      assertThat(cuda.lloyd(x, centroids, 2, 7, 1e-4, 1, control)).isSameAs(cpu.result);
      assertThat(cuda.available()).isFalse();
    });

    assertThat(log).hasSize(1);
    assertThat(log.get(0)).contains("CUDA accelerator unavailable, dp4tl runs on the CPU: CUDA driver library not found");
    assertThat(cpu.calls).containsExactly(
        "argmaxHistogram " + x + " 3",
        "nearest " + x + " [0.0, 0.0, 5.0, 5.0] 2 2",
        "lloyd " + x + " [0.0, 0.0, 5.0, 5.0] 2 7 1.0E-4 1");
  }

  @Test
  void lookupOfTheCpuHappensOnlyWhenAKernelIsCalled() {
    CudaAccelerator cuda = new CudaAccelerator(CudaOptions.defaults().withLibrariesOnlyFrom(List.of(empty)), () -> {
      throw new InvalidInputException("unknown accelerator 'cpu'");
    });

    assertThat(cuda.available()).isFalse();
    assertThatThrownBy(() -> cuda.nearest(FloatMatrix.of(new float[2], 1, 2), new float[2], 1, 1, RunControl.none()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'cpu'");
  }

  @Test
  void malformedEnvironmentSettingsMakeCudaUnavailableInsteadOfFailing() {
    System.setProperty(CudaOptions.DEVICE_PROPERTY, "second");
    try {
      CudaAccelerator cuda = new CudaAccelerator();

      assertThat(cuda.available()).isFalse();
      assertThat(cuda.unavailableReason()).hasValueSatisfying(r -> assertThat(r).contains("dp4tl.cuda.device"));
    } finally {
      System.clearProperty(CudaOptions.DEVICE_PROPERTY);
    }
  }

  @Test
  void cudaExceptionNamesTheCallAndTheError() {
    CudaException e = new CudaException("cuMemAlloc_v2", 2, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory");

    assertThat(e).hasMessage("cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY (2): out of memory");
    assertThat(e.call()).isEqualTo("cuMemAlloc_v2");
    assertThat(e.code()).isEqualTo(2);
    assertThat(e.errorName()).isEqualTo("CUDA_ERROR_OUT_OF_MEMORY");
    assertThat(e).isInstanceOf(io.dp4tl.api.Dp4tlException.class);
  }

  private static List<String> stderrOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
  }

  /** Stands in for the CPU accelerator: records each call and returns fixed objects. */
  private static final class Recording implements Accelerator {
    final long[] histogram = {1, 2};
    final int[] assignment = {0, 0, 1};
    final KMeansResult result = new KMeansResult(new float[4], new int[3], 1.5, 2);
    final List<String> calls = new ArrayList<>();

    @Override
    public String name() {
      return "cpu";
    }

    @Override
    public boolean available() {
      return true;
    }

    @Override
    public long[] argmaxHistogram(FloatMatrix logits, int threads, RunControl control) {
      calls.add("argmaxHistogram " + logits + " " + threads);
      return histogram;
    }

    @Override
    public int[] nearest(FloatMatrix x, float[] centroids, int k, int threads, RunControl control) {
      calls.add("nearest " + x + " " + Arrays.toString(centroids) + " " + k + " " + threads);
      return assignment;
    }

    @Override
    public KMeansResult lloyd(FloatMatrix x, float[] initial, int k, int maxIterations, double tolerance, int threads,
        RunControl control) {
      calls.add("lloyd " + x + " " + Arrays.toString(initial) + " " + k + " " + maxIterations + " " + tolerance + " "
          + threads);
      return result;
    }
  }
}
