package io.dp4tl.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dp4tl.api.Dp4tlException;
import io.dp4tl.api.data.IntColumn;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Fuzz target for the {@code .npy} reader: any bytes either read as an array whose every value
 * can be loaded, or fail with a dp4tl exception (never another exception, a hang or an
 * allocation the header alone asked for). Under {@code mvn verify} it replays the committed
 * corpus in {@code src/test/resources/io/dp4tl/core/io/NpyFuzzTestInputs/}; fuzzing itself is
 * {@code scripts/fuzz.sh} (docs/fuzzing.md).
 */
class NpyFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void readsAnyBytes(byte[] bytes) {
    Path file = Fuzzing.file("npy", bytes);
    try {
      NpyArray array = Npy.read(file);
      touch(array);
    } catch (Dp4tlException expected) {
      // refused with a message: fine
    }
  }

  /** Reads every value the way dp4tl's loaders do. */
  private static void touch(NpyArray array) {
    long[] shape = array.shape();
    if (shape.length == 2 && array.dtype().isFloat()) {
      var m = array.asFloatMatrix("fuzzed matrix");
      float[] all = new float[Math.toIntExact((long) m.rows() * m.cols())];
      m.copyRows(0, m.rows(), all, 0);
      m.sha256();
    } else if (shape.length == 1 && !array.dtype().isFloat()) {
      IntColumn column = array.asIntColumn("fuzzed vector"); // reads and checks every value
      int[] values = array.toIntArray("fuzzed vector");
      if (!Arrays.equals(column.toArray(), values) || (values.length > 0
          && (column.min() != Arrays.stream(values).min().orElseThrow()
              || column.max() != Arrays.stream(values).max().orElseThrow()))) {
        throw new AssertionError(array + ": the column disagrees with its values");
      }
    } else if (shape.length == 1) {
      array.toDoubleArray("fuzzed vector");
    } else if (array.dtype() == NpyDtype.UINT8 && array.size() < (1 << 20)) {
      byte[] all = new byte[(int) array.size()];
      array.copyUint8("fuzzed images", 0, all, 0, all.length);
    } else if (array.size() < (1 << 20)) {
      array.toFloatArray("fuzzed array");
    }
  }
}
