package io.dp4tl.api.spi;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Reads arrays from files for {@code TargetData.ofLogits(Path)}, {@code SourceData.ofLabels(Path)}
 * and the other file factories, so the API reads files without depending on a format: dp4tl-core
 * reads NumPy {@code .npy}; a third party may add another format with a
 * {@code META-INF/services/io.dp4tl.api.spi.ArrayReader} entry. The same pattern as
 * {@link SelectionCodec} behind {@code Selection.read}.
 */
public interface ArrayReader {

  /** One line for messages, e.g. {@code "NumPy .npy (dp4tl-core)"}. */
  String description();

  /** Whether this reader reads {@code file} (e.g. by its extension). */
  boolean accepts(Path file);

  /**
   * A 2-D float array, rows = samples (memory-mapped where the format allows).
   *
   * @param what what the array is, for messages, e.g. {@code "target logits"}
   * @throws InvalidInputException if the file is missing, unreadable, not 2-D or not float; the
   *     message names {@code what}, the file and what was expected
   */
  FloatMatrix readMatrix(Path file, String what);

  /**
   * A 1-D integer array as a column, memory-mapped in its stored width where the format allows (no
   * copy on the heap); its values are checked once, here.
   *
   * @param what what the array is, for messages, e.g. {@code "source labels"}
   * @throws InvalidInputException if the file is missing, unreadable, not 1-D, not integral or a
   *     value does not fit an int; the message names {@code what}, the file, the row and what was
   *     expected
   */
  IntColumn readIntColumn(Path file, String what);

  /**
   * A small 1-D integer array on the heap (e.g. target labels). By default the column's values
   * copied; a reader may read them in one pass instead.
   *
   * @param what what the array is, for messages, e.g. {@code "target labels"}
   * @throws InvalidInputException as {@link #readIntColumn}, or if the array does not fit the heap
   */
  default int[] readInts(Path file, String what) {
    return readIntColumn(file, what).toArray();
  }

  /**
   * The first reader on the classpath that accepts {@code file}.
   *
   * @throws InvalidInputException if none does; the message lists the readers found
   */
  static ArrayReader forFile(Path file) {
    List<String> found = new ArrayList<>();
    for (ArrayReader reader : ServiceLoader.load(ArrayReader.class, ArrayReader.class.getClassLoader())) {
      if (reader.accepts(file)) {
        return reader;
      }
      found.add(reader.description());
    }
    throw new InvalidInputException(file + ": no array reader for this file; "
        + (found.isEmpty() ? "none on the classpath: add dp4tl-core, which reads NumPy .npy files"
            : "readers found: " + String.join(", ", found)));
  }
}
