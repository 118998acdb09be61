package io.dp4tl.core.manifest;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.dp4tl.core.io.AtomicFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A private temporary directory beside an artifact directory, where the artifact's files are
 * written completely before {@link #commit} moves them into place. Closing it deletes whatever is
 * left in it, so a failed write leaves nothing behind.
 */
final class StagingDirectory implements Closeable {
  private final Path staging;
  private final Path target;

  private StagingDirectory(Path staging, Path target) {
    this.staging = staging;
    this.target = target;
  }

  /**
   * Creates the staging directory in the parent of {@code target} (same file system, so moves
   * are renames).
   *
   * @throws IOException if the parent cannot be created or written
   */
  static StagingDirectory beside(Path target) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    return new StagingDirectory(Files.createTempDirectory(parent, "." + absolute.getFileName() + ".staging-"), absolute);
  }

  /** Where to write the staged file {@code name}. */
  Path file(String name) {
    return staging.resolve(name);
  }

  /**
   * Moves the staged files into the target directory (created if missing), in the given order,
   * after setting aside every file of {@code replaced} that the target holds, the first of them
   * first. Put the manifest first in {@code replaced} and last in {@code staged}: a reader then
   * never sees a manifest next to files of another artifact. If a move fails, the target is
   * restored as it was.
   *
   * @throws IOException if a move fails (after restoring the target)
   */
  void commit(List<String> staged, List<String> replaced) throws IOException {
    boolean created = !Files.isDirectory(target);
    Files.createDirectories(target);
    Path previous = Files.createDirectory(staging.resolve(".previous"));
    Deque<String> setAside = new ArrayDeque<>();
    Deque<String> movedIn = new ArrayDeque<>();
    try {
      for (String name : replaced) {
        if (Files.exists(target.resolve(name))) {
          AtomicFiles.move(target.resolve(name), previous.resolve(name));
          setAside.push(name);
        }
      }
      for (String name : staged) {
        AtomicFiles.move(staging.resolve(name), target.resolve(name));
        movedIn.push(name);
      }
    } catch (IOException | RuntimeException e) {
      try {
        for (String name : movedIn) {
          Files.deleteIfExists(target.resolve(name));
        }
        for (String name : setAside) {
          AtomicFiles.move(previous.resolve(name), target.resolve(name));
        }
        if (created) {
          Files.deleteIfExists(target);
        }
      } catch (IOException | RuntimeException restoreFailure) {
        e.addSuppressed(restoreFailure);
      }
      throw e;
    }
  }

  /** Deletes the staging directory and everything left in it. */
  @Override
  public void close() throws IOException {
    MoreFiles.deleteRecursively(staging, RecursiveDeleteOption.ALLOW_INSECURE);
  }
}
