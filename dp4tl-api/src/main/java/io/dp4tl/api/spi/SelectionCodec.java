package io.dp4tl.api.spi;

import io.dp4tl.api.Selection;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads and writes the selection artifact ({@code selection.json} + its {@code .npy} sidecars).
 * {@link Selection#write} and {@link Selection#read} find the implementation (in dp4tl-core) with
 * {@link java.util.ServiceLoader}.
 */
public interface SelectionCodec {

  /**
   * Writes the artifact into {@code dir} atomically: on failure no partial file is left and an
   * existing artifact is untouched; {@code dir} holds the complete old or the complete new
   * artifact at every moment, also when the writer is killed or another one writes to it.
   *
   * @throws IOException if the directory cannot be written
   */
  void write(Selection selection, Path dir) throws IOException;

  /**
   * Reads an artifact written by any format version this library knows.
   *
   * @throws IOException if the files cannot be read
   * @throws io.dp4tl.api.InvalidInputException if they are not a valid selection artifact
   */
  Selection read(Path dir) throws IOException;
}
