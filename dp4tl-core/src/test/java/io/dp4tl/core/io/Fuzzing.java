package io.dp4tl.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Support for the fuzz targets: one scratch directory per JVM, reused by every input. */
public final class Fuzzing {
  private static final Path SCRATCH = create();

  private Fuzzing() {}

  private static Path create() {
    try {
      Path dir = Files.createTempDirectory("dp4tl-fuzz-");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The scratch directory. */
  public static Path scratch() {
    return SCRATCH;
  }

  /** Writes {@code bytes} to the scratch file {@code name} (replacing it) and returns its path. */
  public static Path file(String name, byte[] bytes) {
    try {
      return Files.write(SCRATCH.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
