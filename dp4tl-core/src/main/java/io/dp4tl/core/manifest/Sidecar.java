package io.dp4tl.core.manifest;

import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@code .npy} file the manifest points to, with what it must hold: written as
 * {@code {"file": ..., "dtype": ..., "count": ..., "sha256": ...}}.
 *
 * @param file plain file name inside the artifact directory
 * @param dtype NumPy type name, {@code "int64"}, {@code "float32"} or {@code "float64"}
 * @param count number of elements (the array is 1-D)
 * @param sha256 SHA-256 (hex) of the whole file
 */
record Sidecar(String file, String dtype, int count, String sha256) {

  /**
   * Describes a file just written.
   *
   * @throws IOException if the file cannot be read back
   */
  static Sidecar describe(Path written, String dtype, int count) throws IOException {
    return new Sidecar(written.getFileName().toString(), dtype, count, sha256(written));
  }

  /**
   * SHA-256 (hex) of a file's bytes.
   *
   * @throws IOException if the file cannot be read
   */
  static String sha256(Path file) throws IOException {
    return MoreFiles.asByteSource(file).hash(Hashing.sha256()).toString();
  }
}
