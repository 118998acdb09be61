package io.dp4tl.api.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkPositionIndexes;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;

/**
 * A read-only row-major matrix of floats: logits (rows = samples, columns = classes) or features
 * (rows = samples, columns = dimensions). Implementations may be backed by a heap array or by a
 * memory-mapped file; consumers stream over rows in blocks with {@link #copyRows} and never need
 * the whole matrix on the heap.
 */
public interface FloatMatrix {

  /** Number of rows (samples). */
  int rows();

  /** Number of columns. */
  int cols();

  /**
   * Copies rows {@code [first, first + count)} into {@code dst} starting at {@code offset},
   * row-major. Must be safe to call from several threads at once.
   *
   * @throws IndexOutOfBoundsException if the rows are outside the matrix or dst is too small
   */
  void copyRows(int first, int count, float[] dst, int offset);

  /** One element; convenient, not fast. */
  default float get(int row, int col) {
    float[] one = new float[cols()];
    copyRows(row, 1, one, 0);
    return one[col];
  }

  /**
   * SHA-256 (hex) of the matrix as little-endian float32 values in row-major order, prefixed by
   * its shape; the fingerprint recorded in a selection's provenance.
   */
  default String sha256() {
    Hasher hasher = Hashing.sha256().newHasher().putInt(rows()).putInt(cols());
    int block = Math.max(1, (1 << 16) / Math.max(1, cols()));
    float[] buf = new float[block * cols()];
    for (int first = 0; first < rows(); first += block) {
      int n = Math.min(block, rows() - first);
      copyRows(first, n, buf, 0);
      for (int i = 0; i < n * cols(); i++) {
        hasher.putFloat(buf[i]);
      }
    }
    return hasher.hash().toString();
  }

  /**
   * A matrix over a heap array, which is not copied (do not modify it afterwards).
   *
   * @throws IllegalArgumentException if the array length is not rows * cols
   */
  static FloatMatrix of(float[] rowMajor, int rows, int cols) {
    checkArgument(rows >= 0 && cols >= 0, "negative shape %s x %s", rows, cols);
    checkArgument(
        (long) rows * cols == rowMajor.length,
        "array of length %s is not %s x %s",
        rowMajor.length,
        rows,
        cols);
    return new FloatMatrix() {
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
        System.arraycopy(rowMajor, first * cols, dst, offset, count * cols);
      }

      @Override
      public float get(int row, int col) {
        return rowMajor[row * cols + col];
      }

      @Override
      public String toString() {
        return "FloatMatrix[" + rows + " x " + cols + "]";
      }
    };
  }
}
