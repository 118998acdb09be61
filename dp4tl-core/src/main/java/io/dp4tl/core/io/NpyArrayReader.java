package io.dp4tl.core.io;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.spi.ArrayReader;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads NumPy {@code .npy} files for the file factories of {@code TargetData} and
 * {@code SourceData}; found by {@link java.util.ServiceLoader}. Matrices and integer columns are
 * memory-mapped.
 */
public final class NpyArrayReader implements ArrayReader {

  /** For {@link java.util.ServiceLoader}. */
  public NpyArrayReader() {}

  @Override
  public String description() {
    return "NumPy .npy (dp4tl-core)";
  }

  @Override
  public boolean accepts(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".npy");
  }

  /** @throws io.dp4tl.api.InvalidInputException as {@link Npy#readMatrix} */
  @Override
  public FloatMatrix readMatrix(Path file, String what) {
    return Npy.readMatrix(file, what);
  }

  /** @throws io.dp4tl.api.InvalidInputException as {@link Npy#readIntColumn} */
  @Override
  public IntColumn readIntColumn(Path file, String what) {
    return Npy.readIntColumn(file, what);
  }

  /** @throws io.dp4tl.api.InvalidInputException as {@link Npy#readInts} */
  @Override
  public int[] readInts(Path file, String what) {
    return Npy.readInts(file, what);
  }
}
