package io.dp4tl.core.io;

import io.dp4tl.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Checks on the files dp4tl opens: only regular files are read (a FIFO, a device or a directory
 * where a file is expected would block or mislead the reader), and an I/O failure is reported with
 * its reason (permission denied, not a directory, ...), not only the path.
 */
public final class RegularFiles {
  private RegularFiles() {}

  /**
   * Checks that {@code file} is a regular file (symbolic links are followed) before it is opened.
   *
   * @param what what the file is, for the message (e.g. "target logits")
   * @return the file's size in bytes
   * @throws InvalidInputException if it is missing, unreadable or not a regular file
   */
  public static long requireRegularFile(Path file, String what) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": " + reason(e) + " (" + what + ")", e);
    }
    if (!attributes.isRegularFile()) {
      String kind = attributes.isDirectory() ? "a directory" : "not a regular file (a pipe, socket or device)";
      throw new InvalidInputException(file + ": " + kind + "; " + what + " must be a regular file");
    }
    return attributes.size();
  }

  /**
   * The reason of an I/O failure in words: "no such file", "permission denied", "not a
   * directory", or the operating system's reason.
   */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException missing) {
      Path file = missing.getFile() == null ? null : Path.of(missing.getFile());
      for (Path p = file == null ? null : file.getParent(); p != null; p = p.getParent()) {
        if (Files.exists(p)) {
          return Files.isDirectory(p) ? "no such file" : "not a directory (" + p + " is a file)";
        }
      }
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
