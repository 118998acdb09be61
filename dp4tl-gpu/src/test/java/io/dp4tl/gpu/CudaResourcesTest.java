package io.dp4tl.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.CancelledException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.Cancellation;
import io.dp4tl.api.progress.ProgressListener;
import io.dp4tl.api.progress.RunControl;
import org.junit.jupiter.api.Test;

/** GPU only: device memory is returned after every call, errors name the CUDA call. */
class CudaResourcesTest {

  @Test
  void hundredCallsLeaveDeviceMemoryAsTheyFoundIt() {
    CudaAccelerator cuda = GpuTests.cudaOrSkip();
    FloatMatrix x = GpuTests.generated(20_000, 32, 8, 1.0, 21);
    float[] initial = GpuTests.rowsAsCentroids(x, 8, 5);
    cuda.lloyd(x, initial, 8, 2, 0, 2, RunControl.none());
    cuda.argmaxHistogram(x, 2, RunControl.none());

    long before = cuda.gpu().driver().memoryInfo().free();
    for (int call = 0; call < 100; call++) {
      switch (call % 3) {
        case 0 -> cuda.nearest(x, initial, 8, 2, RunControl.none());
        case 1 -> cuda.argmaxHistogram(x, 2, RunControl.none());
        default -> cuda.lloyd(x, initial, 8, 2, 0, 2, RunControl.none());
      }
    }

    assertThat(cuda.gpu().driver().memoryInfo().free()).isEqualTo(before);
  }

  @Test
  void cancellationStopsBetweenChunksAndFreesMemory() {
    CudaAccelerator cuda = GpuTests.cudaOrSkip();
    FloatMatrix x = GpuTests.generated(300_000, 16, 0, 1.0, 22);
    float[] initial = GpuTests.rowsAsCentroids(x, 10, 3);
    cuda.nearest(x, initial, 10, 2, RunControl.none());
    long before = cuda.gpu().driver().memoryInfo().free();
    Cancellation cancellation = Cancellation.create();
    RunControl control = new RunControl(new ProgressListener() {
      @Override
      public void report(String task, String message) {
        cancellation.cancel();
      }
    }, cancellation);

    assertThatThrownBy(() -> cuda.lloyd(x, initial, 10, 50, 0, 2, control)).isInstanceOf(CancelledException.class);
    assertThat(cuda.gpu().driver().memoryInfo().free()).isEqualTo(before);
  }

  @Test
  void failedCallsBecomeCudaExceptionsNamingCallAndError() {
    CudaAccelerator cuda = GpuTests.cudaOrSkip();

    assertThatThrownBy(() -> cuda.gpu().driver().alloc(1L << 52))
        .isInstanceOf(CudaException.class)
        .hasMessageContaining("cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY")
        .hasMessageContaining("out of memory");
  }
}
