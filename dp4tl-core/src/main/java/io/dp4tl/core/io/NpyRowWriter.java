package io.dp4tl.core.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Writes a 2-D float32 {@code .npy} file row block by row block, so that a matrix larger than the
 * heap (e.g. the logits of every source sample) never has to be held whole. The rows go to a
 * temporary sibling that replaces the file on {@link #commit()}; closing without committing
 * deletes it, so readers never see a partial file. Not thread-safe.
 */
public final class NpyRowWriter implements AutoCloseable {
  private final Path file;
  private final Path tmp;
  private final OutputStream out;
  private final int rows;
  private final int cols;
  private int written;
  private boolean committed;

  /**
   * Starts {@code file} as a {@code rows x cols} float32 array.
   *
   * @throws IOException if the temporary file cannot be created
   */
  public NpyRowWriter(Path file, int rows, int cols) throws IOException {
    checkArgument(rows >= 0 && cols >= 0, "negative shape %s x %s", rows, cols);
    this.file = file;
    this.rows = rows;
    this.cols = cols;
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    this.tmp = Files.createFile(dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp"));
    this.out = Files.newOutputStream(tmp);
    out.write(Npy.header(NpyDtype.FLOAT32, new long[] {rows, cols}));
  }

  /**
   * Appends {@code count} rows, row-major, from {@code values}.
   *
   * @throws IOException if writing fails
   * @throws IllegalStateException if more rows than declared are appended
   */
  public void append(float[] values, int count) throws IOException {
    checkState(written + count <= rows, "%s rows declared, %s appended", rows, written + count);
    ByteBuffer bytes = ByteBuffer.allocate(count * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values, 0, count * cols);
    out.write(bytes.array());
    written += count;
  }

  /**
   * Moves the finished file into place.
   *
   * @throws IOException if closing or moving fails
   * @throws IllegalStateException if fewer rows than declared were appended
   */
  public void commit() throws IOException {
    checkState(written == rows, "%s rows declared, %s appended", rows, written);
    out.close();
    AtomicFiles.move(tmp, file);
    committed = true;
  }

  /** Deletes the temporary file unless committed. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      out.close();
      Files.deleteIfExists(tmp);
    }
  }
}
