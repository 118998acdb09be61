package io.dp4tl.core.io;

import static com.google.common.base.Preconditions.checkPositionIndexes;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * A memory-mapped {@code .npy} array: its header, and views of its data that read straight from
 * the mapping (nothing is loaded twice). Obtained from {@link Npy#read(Path)}.
 */
public final class NpyArray {
  /** Longest Java array the JVM allocates. */
  private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
  private final Path file;
  private final NpyDtype dtype;
  private final ByteOrder order;
  private final long[] shape;
  /** Values an int column reads at a time when it checks them on opening. */
  private static final int SCAN_BLOCK = 1 << 16;
  /** Consecutive mappings of the data, each holding whole rows. */
  private final List<ByteBuffer> chunks;
  private final long rowsPerChunk;

  NpyArray(Path file, NpyDtype dtype, ByteOrder order, long[] shape, List<ByteBuffer> chunks, long rowsPerChunk) {
    this.file = file;
    this.dtype = dtype;
    this.order = order;
    this.shape = shape;
    this.chunks = chunks;
    this.rowsPerChunk = rowsPerChunk;
  }

  public Path file() {
    return file;
  }

  public NpyDtype dtype() {
    return dtype;
  }

  public ByteOrder order() {
    return order;
  }

  /** The shape; empty for a scalar. */
  public long[] shape() {
    return shape.clone();
  }

  /** Number of elements. */
  public long size() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  private long rowLength() {
    long n = 1;
    for (int i = 1; i < shape.length; i++) {
      n *= shape[i];
    }
    return n;
  }

  /**
   * The array as a 2-D float matrix (float16 and float64 are converted on read).
   *
   * @param what what the array is, for messages (e.g. "target logits")
   * @throws InvalidInputException if the array is not 2-D floating point
   */
  public FloatMatrix asFloatMatrix(String what) {
    if (!dtype.isFloat()) {
      throw new InvalidInputException(what + " in " + file + " must be float16/32/64, found " + dtype.descr(order));
    }
    return asNumericMatrix(what);
  }

  /**
   * The array as a 2-D float matrix whatever its element type (integers and uint8 are converted
   * on read, e.g. a 0/1 correctness mask).
   *
   * @param what what the array is, for messages (e.g. "source correctness")
   * @throws InvalidInputException if the array is not 2-D
   */
  public FloatMatrix asNumericMatrix(String what) {
    if (shape.length != 2) {
      throw new InvalidInputException(what + " in " + file + " must be 2-D (rows x columns), found shape "
          + Arrays.toString(shape));
    }
    if (shape[0] > Integer.MAX_VALUE || shape[1] > Integer.MAX_VALUE) {
      throw new InvalidInputException(what + " in " + file + " is too large: shape " + Arrays.toString(shape));
    }
    return new MappedMatrix(what, (int) shape[0], (int) shape[1]);
  }

  /**
   * The array as a column of ints read straight from the mapping in its stored width (one byte per
   * value for int8/uint8): nothing is copied onto the heap. Its values are read once, here, to check
   * that each fits an int and to find the smallest and largest.
   *
   * @param what what the array is, for messages (e.g. "source labels")
   * @throws InvalidInputException if the array is not 1-D integer, has more than
   *     {@code Integer.MAX_VALUE} entries, or a value does not fit an int (naming its row)
   */
  public IntColumn asIntColumn(String what) {
    requireIntegerVector(what);
    if (shape[0] > Integer.MAX_VALUE) {
      throw new InvalidInputException(what + " in " + file + " has " + shape[0] + " entries; at most "
          + Integer.MAX_VALUE + " are supported");
    }
    return new MappedIntColumn(what, (int) shape[0]);
  }

  /**
   * The array as ints on the heap, for small vectors (e.g. kept sample indices); see
   * {@link #asIntColumn} for large ones.
   *
   * @param what what the array is, for messages (e.g. "kept samples")
   * @throws InvalidInputException if the array is not 1-D integer, a value does not fit an int
   *     (naming its row), or it does not fit the heap
   */
  public int[] toIntArray(String what) {
    requireIntegerVector(what);
    int n = loadableLength(what, 4);
    int[] out = new int[n];
    copyInts(what, 0, n, out, 0);
    return out;
  }

  private void requireIntegerVector(String what) {
    if (dtype.isFloat()) {
      throw new InvalidInputException(what + " in " + file + " must be an integer array (int8/16/32/64 or uint8/16),"
          + " found " + dtype.descr(order));
    }
    if (shape.length != 1) {
      throw new InvalidInputException(what + " in " + file + " must be 1-D, found shape " + Arrays.toString(shape));
    }
  }

  /**
   * Copies elements {@code [first, first + count)} of a 1-D integer array into {@code dst} at
   * {@code offset}, chunk by chunk with one loop per width.
   *
   * @throws InvalidInputException if an int64 value does not fit an int (naming its row)
   */
  private void copyInts(String what, long first, int count, int[] dst, int offset) {
    for (long r = first; r < first + count; ) {
      int c = (int) (r / rowsPerChunk);
      int n = (int) Math.min(first + count - r, (c + 1) * rowsPerChunk - r);
      int start = (int) (r - c * rowsPerChunk);
      int at = offset + (int) (r - first);
      ByteBuffer chunk = chunks.get(c);
      switch (dtype) {
        case INT8 -> {
          for (int i = 0; i < n; i++) {
            dst[at + i] = chunk.get(start + i);
          }
        }
        case UINT8 -> {
          for (int i = 0; i < n; i++) {
            dst[at + i] = chunk.get(start + i) & 0xff;
          }
        }
        case INT16 -> {
          for (int i = 0; i < n; i++) {
            dst[at + i] = chunk.getShort((start + i) * 2);
          }
        }
        case UINT16 -> {
          for (int i = 0; i < n; i++) {
            dst[at + i] = chunk.getShort((start + i) * 2) & 0xffff;
          }
        }
        case INT32 -> chunk.asIntBuffer().get(start, dst, at, n);
        case INT64 -> {
          for (int i = 0; i < n; i++) {
            long v = chunk.getLong((start + i) * 8);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
              throw new InvalidInputException(what + " in " + file + ": value " + v + " at row " + (r + i)
                  + " does not fit an int");
            }
            dst[at + i] = (int) v;
          }
        }
        case FLOAT16, FLOAT32, FLOAT64 -> throw new AssertionError(dtype);
      }
      r += n;
    }
  }

  /** The integer at byte {@code at} of {@code chunk}, whatever its width. */
  private long integerAt(ByteBuffer chunk, int at) {
    return switch (dtype) {
      case INT8 -> chunk.get(at);
      case UINT8 -> chunk.get(at) & 0xff;
      case INT16 -> chunk.getShort(at);
      case UINT16 -> chunk.getShort(at) & 0xffff;
      case INT32 -> chunk.getInt(at);
      case INT64 -> chunk.getLong(at);
      case FLOAT16, FLOAT32, FLOAT64 -> throw new AssertionError(dtype);
    };
  }

  /**
   * The length of this 1-D array once loaded into a Java array of {@code bytesPerValue}-byte
   * values, after checking that it fits an array and the heap.
   */
  private int loadableLength(String what, int bytesPerValue) {
    if (shape[0] > MAX_ARRAY_LENGTH) {
      throw new InvalidInputException(what + " in " + file + " has " + shape[0] + " entries; at most "
          + MAX_ARRAY_LENGTH + " are supported");
    }
    HeapCheck.require(shape[0] * bytesPerValue, what + " in " + file + " (" + shape[0] + " entries)");
    return (int) shape[0];
  }

  /**
   * Copies {@code length} uint8 elements, counted in row-major order from element {@code from},
   * into {@code dst} at {@code offset}.
   *
   * @param what what the array is, for messages (e.g. "images")
   * @throws InvalidInputException if the array is not uint8
   * @throws IndexOutOfBoundsException if the range is outside the array or {@code dst}
   */
  public void copyUint8(String what, long from, byte[] dst, int offset, int length) {
    if (dtype != NpyDtype.UINT8) {
      throw new InvalidInputException(what + " in " + file + " must be uint8, found " + dtype.descr(order));
    }
    Objects.checkFromIndexSize(from, length, size());
    Objects.checkFromIndexSize(offset, length, dst.length);
    long row = Math.max(1, rowLength());
    long at = from;
    int written = 0;
    while (written < length) {
      long r = at / row;
      int c = (int) (r / rowsPerChunk);
      long inChunkStart = (r - c * rowsPerChunk) * row + at % row;
      long chunkEnd = Math.min(rowsPerChunk, (shape.length == 0 ? 1 : shape[0]) - c * rowsPerChunk) * row;
      int n = (int) Math.min(length - written, chunkEnd - inChunkStart);
      chunks.get(c).get((int) inChunkStart, dst, offset + written, n);
      written += n;
      at += n;
    }
  }

  /**
   * The array as doubles, exactly (float16/32/64 widen without rounding).
   *
   * @param what what the array is, for messages (e.g. "sample scores")
   * @throws InvalidInputException if the array is not 1-D floating point
   */
  public double[] toDoubleArray(String what) {
    if (!dtype.isFloat()) {
      throw new InvalidInputException(what + " in " + file + " must be float16/32/64, found " + dtype.descr(order));
    }
    if (shape.length != 1) {
      throw new InvalidInputException(what + " in " + file + " must be 1-D, found shape " + Arrays.toString(shape));
    }
    int n = loadableLength(what, 8);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      ByteBuffer chunk = chunks.get((int) (i / rowsPerChunk));
      int at = (int) ((i % rowsPerChunk) * dtype.size());
      out[i] = switch (dtype) {
        case FLOAT64 -> chunk.getDouble(at);
        case FLOAT32 -> chunk.getFloat(at);
        case FLOAT16 -> HalfFloat.toFloat(chunk.getShort(at));
        default -> throw new AssertionError(dtype);
      };
    }
    return out;
  }

  /** The array as float32 values in row-major order, whatever its rank (small arrays only). */
  public float[] toFloatArray(String what) {
    long[] flat = {size()};
    if (flat[0] > Integer.MAX_VALUE) {
      throw new InvalidInputException(what + " in " + file + " is too large to load: " + flat[0] + " elements");
    }
    float[] out = new float[(int) flat[0]];
    long row = rowLength();
    for (long r = 0; r < (shape.length == 0 ? 1 : shape[0]); r++) {
      readFloats(r, 1, row, out, (int) (r * row));
    }
    return out;
  }

  private void readFloats(long firstRow, int rows, long rowLength, float[] dst, int offset) {
    int at = offset;
    for (long r = firstRow; r < firstRow + rows; ) {
      int c = (int) (r / rowsPerChunk);
      long inChunk = Math.min(firstRow + rows - r, (c + 1) * rowsPerChunk - r);
      int start = (int) ((r - c * rowsPerChunk) * rowLength);
      int n = (int) (inChunk * rowLength);
      ByteBuffer chunk = chunks.get(c);
      switch (dtype) {
        case FLOAT32 -> chunk.asFloatBuffer().get(start, dst, at, n);
        case FLOAT16 -> {
          for (int i = 0; i < n; i++) {
            dst[at + i] = HalfFloat.toFloat(chunk.getShort((start + i) * 2));
          }
        }
        case FLOAT64 -> {
          for (int i = 0; i < n; i++) {
            dst[at + i] = (float) chunk.getDouble((start + i) * 8);
          }
        }
        case INT8, INT16, INT32, INT64, UINT8, UINT16 -> {
          for (int i = 0; i < n; i++) {
            dst[at + i] = integerAt(chunk, (start + i) * dtype.size());
          }
        }
      }
      at += n;
      r += inChunk;
    }
  }

  @Override
  public String toString() {
    return "NpyArray[" + file.getFileName() + ", " + dtype.descr(order) + ", " + Arrays.toString(shape) + "]";
  }

  /** An int column view over the mapping of a 1-D integer array; its values are checked on creation. */
  private final class MappedIntColumn implements IntColumn {
    private final String what;
    private final int size;
    private final int min;
    private final int max;

    MappedIntColumn(String what, int size) {
      this.what = what;
      this.size = size;
      int lo = Integer.MAX_VALUE;
      int hi = Integer.MIN_VALUE;
      int[] block = new int[Math.min(size, SCAN_BLOCK)];
      for (long first = 0; first < size; first += block.length) {
        int n = (int) Math.min(block.length, size - first);
        copyInts(what, first, n, block, 0);
        for (int i = 0; i < n; i++) {
          lo = Math.min(lo, block[i]);
          hi = Math.max(hi, block[i]);
        }
      }
      this.min = lo;
      this.max = hi;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public int get(int row) {
      Objects.checkIndex(row, size);
      return (int) integerAt(chunks.get((int) (row / rowsPerChunk)), (int) ((row % rowsPerChunk) * dtype.size()));
    }

    @Override
    public void copyTo(int first, int count, int[] dst, int offset) {
      Objects.checkFromIndexSize(first, count, size);
      Objects.checkFromIndexSize(offset, count, dst.length);
      copyInts(what, first, count, dst, offset);
    }

    @Override
    public int min() {
      return nonEmpty(min);
    }

    @Override
    public int max() {
      return nonEmpty(max);
    }

    private int nonEmpty(int value) {
      if (size == 0) {
        throw new NoSuchElementException(what + " in " + file + " is empty");
      }
      return value;
    }

    @Override
    public String toString() {
      return what + " [" + size + " x " + dtype.descr(order) + ", memory-mapped] from " + file;
    }
  }

  /** A float matrix view over the mapping. */
  private final class MappedMatrix implements FloatMatrix, Float32Bytes {
    private final String what;
    private final int rows;
    private final int cols;

    MappedMatrix(String what, int rows, int cols) {
      this.what = what;
      this.rows = rows;
      this.cols = cols;
    }

    @Override
    public int rows() {
      return rows;
    }

    @Override
    public int cols() {
      return cols;
    }

    @Override
    public void copyRows(int first, int count, float[] dst, int offset) {
      checkPositionIndexes(first, first + count, rows);
      readFloats(first, count, cols, dst, offset);
    }

    @Override
    public Optional<ByteBuffer> float32Bytes(int first, int count) {
      checkPositionIndexes(first, first + count, rows);
      if (dtype != NpyDtype.FLOAT32 || order != ByteOrder.LITTLE_ENDIAN) {
        return Optional.empty();
      }
      int rowBytes = cols * Float.BYTES;
      int c = (int) (first / rowsPerChunk);
      int start = (int) ((first - c * rowsPerChunk) * rowBytes);
      if (first + (long) count <= (c + 1) * rowsPerChunk) {
        return Optional.of(chunks.get(c).slice(start, count * rowBytes).order(ByteOrder.LITTLE_ENDIAN));
      }
      ByteBuffer copy = ByteBuffer.allocate(count * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
      for (int r = first; r < first + count; ) {
        int chunk = (int) (r / rowsPerChunk);
        int n = (int) Math.min(first + count - r, (chunk + 1) * rowsPerChunk - r);
        copy.put(copy.position(), chunks.get(chunk), (int) ((r - chunk * rowsPerChunk) * rowBytes), n * rowBytes);
        copy.position(copy.position() + n * rowBytes);
        r += n;
      }
      return Optional.of(copy.flip());
    }

    /**
     * Same value as {@link FloatMatrix#sha256()}; little-endian float32 data is hashed straight
     * from the mapping instead of value by value.
     */
    @Override
    public String sha256() {
      if (dtype != NpyDtype.FLOAT32 || order != ByteOrder.LITTLE_ENDIAN) {
        return FloatMatrix.super.sha256();
      }
      Hasher hasher = Hashing.sha256().newHasher().putInt(rows).putInt(cols);
      for (ByteBuffer chunk : chunks) {
        hasher.putBytes(chunk.duplicate().clear());
      }
      return hasher.hash().toString();
    }

    @Override
    public String toString() {
      return what + " [" + rows + " x " + cols + "] from " + file;
    }
  }
}
