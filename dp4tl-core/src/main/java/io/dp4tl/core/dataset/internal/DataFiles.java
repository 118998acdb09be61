package io.dp4tl.core.dataset.internal;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.core.io.RegularFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reading whole data files, gunzipped when they start with the gzip magic. */
public final class DataFiles {
  private DataFiles() {}

  /**
   * The file's bytes, decompressed if it is gzipped.
   *
   * @throws InvalidInputException if the file is missing, unreadable or a corrupt gzip stream
   */
  public static byte[] readMaybeGzipped(Path file) {
    RegularFiles.requireRegularFile(file, "a data file");
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
          return in.readAllBytes();
        }
      }
      return raw.readAllBytes();
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + RegularFiles.reason(e), e);
    }
  }
}
