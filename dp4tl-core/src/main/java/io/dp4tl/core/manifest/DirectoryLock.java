package io.dp4tl.core.manifest;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The exclusive write lock of a selection directory: an operating-system lock
 * ({@link FileChannel#tryLock()}) on {@value #NAME} inside it, held by one writer at a time,
 * whether in another process or another thread of this one. The operating system releases it when
 * its holder dies, so a killed writer never leaves the directory locked.
 */
final class DirectoryLock implements Closeable {
  /** File name of the lock file inside the selection directory. */
  static final String NAME = ".lock";
  private static final int ATTEMPTS = 5;

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dir} (which must exist), without waiting.
   *
   * @throws SelectionLockedException if another writer holds it
   * @throws IOException if the lock file cannot be created or locked
   */
  static DirectoryLock acquire(Path dir) throws IOException {
    Path file = dir.resolve(NAME);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Object before = keyOrNull(file);
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // another thread of this JVM holds it
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      if (lock == null) {
        channel.close();
        throw new SelectionLockedException("another writer is writing a selection here (it holds " + file
            + "); wait for it to finish, or write to another directory");
      }
      // A writer that gave up on a directory it had created removes the lock file: make sure the
      // file locked is still the one at the path, else try again on the new one.
      Object after = keyOrNull(file);
      if (after != null && (before == null || Objects.equals(before, after))) {
        return new DirectoryLock(file, channel, lock);
      }
      channel.close();
    }
    throw new SelectionLockedException("the lock file " + file + " keeps being replaced; another writer is"
        + " creating or removing this directory");
  }

  private static Object keyOrNull(Path file) throws IOException {
    try {
      Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      return key == null ? file : key;
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Deletes the lock file while still holding the lock (for a writer that created the directory
   * and leaves nothing in it), then releases it.
   *
   * @throws IOException if the file cannot be deleted
   */
  void deleteAndRelease() throws IOException {
    try {
      Files.deleteIfExists(file);
    } finally {
      close();
    }
  }

  /** Releases the lock. */
  @Override
  public void close() throws IOException {
    if (!channel.isOpen()) {
      return;
    }
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /** Another writer holds the lock. */
  static final class SelectionLockedException extends IOException {
    private static final long serialVersionUID = 1L;

    SelectionLockedException(String message) {
      super(message);
    }
  }
}
