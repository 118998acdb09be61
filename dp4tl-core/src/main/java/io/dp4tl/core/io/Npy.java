package io.dp4tl.core.io;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NumPy {@code .npy} files (format versions 1-3): reading by memory-mapping, writing atomically.
 * C order only; Fortran-ordered and object arrays are refused with a message saying how to fix
 * them.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** Largest mapping per chunk; a chunk always holds whole rows. */
  private static final long MAX_CHUNK = 1L << 30;

  private Npy() {}

  /**
   * Maps a {@code .npy} file.
   *
   * @throws InvalidInputException if the file is missing, unreadable, not a regular file, truncated,
   *     not an .npy file, its header is malformed or longer than NumPy accepts
   *     ({@value NpyHeader#MAX_HEADER_BYTES} bytes), it is Fortran-ordered, of an unsupported type, or
   *     larger than its shape allows (the message names the file)
   */
  public static NpyArray read(Path file) {
    return read(file, MAX_CHUNK);
  }

  /** As {@link #read(Path)}, mapping at most {@code maxChunk} bytes (whole rows, at least one) per buffer. */
  static NpyArray read(Path file, long maxChunk) {
    RegularFiles.requireRegularFile(file, "an .npy array");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long fileSize = ch.size();
      ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      while (pre.hasRemaining() && ch.read(pre, pre.position()) > 0) {
        // a short read only at the end of the file
      }
      pre.flip();
      if (pre.remaining() < 10 || !startsWithMagic(pre)) {
        throw bad(file, "not an .npy file (missing the \\x93NUMPY magic)");
      }
      int major = pre.get(6) & 0xff;
      long headerLen;
      int headerStart;
      if (major == 1) {
        headerLen = pre.getShort(8) & 0xffff;
        headerStart = 10;
      } else if (major == 2 || major == 3) {
        if (pre.remaining() < 12) {
          throw bad(file, "truncated header");
        }
        headerLen = pre.getInt(8) & 0xffffffffL;
        headerStart = 12;
      } else {
        throw bad(file, "unsupported .npy format version " + major);
      }
      if (headerLen > NpyHeader.MAX_HEADER_BYTES) {
        throw bad(file, "header length " + headerLen + " exceeds " + NpyHeader.MAX_HEADER_BYTES
            + " bytes, the most NumPy reads (numpy.load's max_header_size); the file is corrupt or not an array");
      }
      if (headerStart + headerLen > fileSize) {
        throw bad(file, "truncated header: it declares " + headerLen + " bytes, the file holds "
            + (fileSize - headerStart));
      }
      ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
      while (hb.hasRemaining() && ch.read(hb, headerStart + hb.position()) > 0) {
        // read the whole header
      }
      String text = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      NpyHeader header;
      try {
        header = NpyHeader.parse(text);
      } catch (IllegalArgumentException e) {
        throw bad(file, e.getMessage());
      }
      if (header.fortranOrder()) {
        throw bad(file, "array is in Fortran order; save it in C order (numpy.ascontiguousarray) and retry");
      }
      String descr = header.descr();
      NpyDtype dtype = NpyDtype.parse(descr);
      if (dtype == null) {
        throw bad(file, "unsupported dtype '" + descr + "'"
            + (descr.contains("O") ? " (object arrays cannot be read)" : "")
            + "; use float16/32/64, int8/16/32/64 or uint8/16");
      }
      ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      long[] shape = header.shape();
      long rowElements = 1;
      for (int i = 1; i < shape.length; i++) {
        rowElements = multiply(rowElements, shape[i], file, shape);
      }
      long rows = shape.length == 0 ? 1 : shape[0];
      long rowBytes = multiply(rowElements, dtype.size(), file, shape);
      long dataBytes = multiply(rows, rowBytes, file, shape);
      long dataStart = headerStart + headerLen;
      if (fileSize - dataStart < dataBytes) {
        throw bad(file, "truncated data: expected " + dataBytes + " bytes for shape " + Arrays.toString(shape)
            + ", found " + (fileSize - dataStart));
      }
      // A zero-width row maps nothing; one chunk of zero bytes then stands for every row.
      long rowsPerChunk = rowBytes == 0 ? Math.max(1, rows) : Math.max(1, maxChunk / rowBytes);
      List<ByteBuffer> chunks = new ArrayList<>();
      for (long r = 0; r < rows; r += rowsPerChunk) {
        long n = Math.min(rowsPerChunk, rows - r);
        chunks.add(ch.map(FileChannel.MapMode.READ_ONLY, dataStart + r * rowBytes, n * rowBytes).order(order));
      }
      return new NpyArray(file, dtype, order, shape, chunks, rowsPerChunk);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + RegularFiles.reason(e), e);
    }
  }

  /** {@code a * b}, refusing a product beyond 63 bits. */
  private static long multiply(long a, long b, Path file, long[] shape) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      throw bad(file, "shape " + Arrays.toString(shape) + " overflows: its size does not fit 64 bits");
    }
  }

  /** Reads a 2-D float array (float16/32/64). @throws InvalidInputException as {@link #read} */
  public static FloatMatrix readMatrix(Path file, String what) {
    return read(file).asFloatMatrix(what);
  }

  /**
   * Reads a 2-D array of any supported type as floats (e.g. a uint8 0/1 mask).
   *
   * @throws InvalidInputException as {@link #read}, or if the array is not 2-D
   */
  public static FloatMatrix readNumericMatrix(Path file, String what) {
    return read(file).asNumericMatrix(what);
  }

  /** Reads a small 1-D integer array onto the heap. @throws InvalidInputException as {@link #read} */
  public static int[] readInts(Path file, String what) {
    return read(file).toIntArray(what);
  }

  /**
   * Maps a 1-D integer array as a column in its stored width (nothing copied onto the heap).
   *
   * @throws InvalidInputException as {@link #read} and {@link NpyArray#asIntColumn}
   */
  public static IntColumn readIntColumn(Path file, String what) {
    return read(file).asIntColumn(what);
  }

  private static boolean startsWithMagic(ByteBuffer b) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (b.get(i) != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static InvalidInputException bad(Path file, String why) {
    return new InvalidInputException(file + ": " + why);
  }

  /**
   * Writes a 1-D int64 array (e.g. kept sample indices) atomically.
   *
   * @throws IOException if the file cannot be written; no partial file is left
   */
  public static void writeInt64(Path file, int[] values) throws IOException {
    write(file, NpyDtype.INT64, new long[] {values.length}, values.length, 8,
        (chunk, from, count) -> {
          for (int i = from; i < from + count; i++) {
            chunk.putLong(values[i]);
          }
        });
  }

  /**
   * Writes a 1-D int32 array atomically.
   *
   * @throws IOException if the file cannot be written; no partial file is left
   */
  public static void writeInt32(Path file, int[] values) throws IOException {
    write(file, NpyDtype.INT32, new long[] {values.length}, values.length, 4,
        (chunk, from, count) -> chunk.asIntBuffer().put(values, from, count));
  }

  /**
   * Writes a 1-D float64 array (e.g. per-sample scores) atomically.
   *
   * @throws IOException if the file cannot be written; no partial file is left
   */
  public static void writeFloat64(Path file, double[] values) throws IOException {
    write(file, NpyDtype.FLOAT64, new long[] {values.length}, values.length, 8,
        (chunk, from, count) -> chunk.asDoubleBuffer().put(values, from, count));
  }

  /**
   * Writes a 1-D float32 array (e.g. per-sample scores) atomically.
   *
   * @throws IOException if the file cannot be written; no partial file is left
   */
  public static void writeFloat32(Path file, float[] values) throws IOException {
    write(file, NpyDtype.FLOAT32, new long[] {values.length}, values.length, 4,
        (chunk, from, count) -> chunk.asFloatBuffer().put(values, from, count));
  }

  /**
   * Writes a 2-D float32 array atomically.
   *
   * @throws IOException if the file cannot be written; no partial file is left
   */
  public static void writeFloat32(Path file, float[] rowMajor, int rows, int cols) throws IOException {
    if ((long) rows * cols != rowMajor.length) {
      throw new IllegalArgumentException(rowMajor.length + " floats are not " + rows + " x " + cols);
    }
    write(file, NpyDtype.FLOAT32, new long[] {rows, cols}, rowMajor.length, 4,
        (chunk, from, count) -> chunk.asFloatBuffer().put(rowMajor, from, count));
  }

  /**
   * Writes an N-dimensional uint8 array (e.g. images {@code [N, H, W]}) atomically.
   *
   * @throws IOException if the file cannot be written; no partial file is left
   * @throws IllegalArgumentException if the data does not have the shape's element count
   */
  public static void writeUint8(Path file, byte[] data, long[] shape) throws IOException {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(data.length + " bytes do not fill shape " + Arrays.toString(shape));
    }
    write(file, NpyDtype.UINT8, shape.clone(), data.length, 1, (chunk, from, count) -> chunk.put(data, from, count));
  }

  /** Elements per chunk written: the whole array is never copied into one buffer. */
  private static final int CHUNK = 1 << 16;

  /** Puts elements {@code [from, from + count)} of an array into a little-endian chunk. */
  @FunctionalInterface
  private interface Elements {
    void put(ByteBuffer chunk, int from, int count);
  }

  private static void write(Path file, NpyDtype dtype, long[] shape, int length, int width, Elements elements)
      throws IOException {
    byte[] header = header(dtype, shape);
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK * width).order(ByteOrder.LITTLE_ENDIAN);
    AtomicFiles.write(file, out -> {
      out.write(header);
      for (int from = 0; from < length; from += CHUNK) {
        int count = Math.min(CHUNK, length - from);
        chunk.clear();
        elements.put(chunk, from, count);
        out.write(chunk.array(), 0, count * width);
      }
    });
  }

  /** The bytes of a version-1 {@code .npy} header (magic, length, dictionary, padding) for a C-order array. */
  static byte[] header(NpyDtype dtype, long[] shape) {
    StringBuilder dims = new StringBuilder();
    for (long d : shape) {
      dims.append(d).append(", ");
    }
    String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, dims.length() - 2) + ")";
    String dict = "{'descr': '" + dtype.descr(ByteOrder.LITTLE_ENDIAN) + "', 'fortran_order': False, 'shape': "
        + shapeText + ", }";
    int total = 10 + dict.length() + 1;
    int padded = (total + 63) / 64 * 64;
    String header = dict + " ".repeat(padded - total) + "\n";
    ByteBuffer pre = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
    pre.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    pre.put(header.getBytes(StandardCharsets.ISO_8859_1));
    return pre.array();
  }
}
