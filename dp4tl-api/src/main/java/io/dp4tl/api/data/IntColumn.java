package io.dp4tl.api.data;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.checkFromIndexSize;

import java.util.NoSuchElementException;

/**
 * A read-only column of ints, one per sample: class labels or group ids. Implementations may be
 * backed by a heap array ({@link #of}) or be a view over a memory-mapped file in the width it was
 * stored in (e.g. one byte per value for a {@code uint8} {@code .npy}), so a column of a billion
 * labels need not be on the heap. The smallest and largest value are known once the column exists;
 * every method is safe to call from several threads at once.
 */
public interface IntColumn {

  /** Number of values (rows). */
  int size();

  /**
   * The value of row {@code row}.
   *
   * @throws IndexOutOfBoundsException if the row is outside the column
   */
  int get(int row);

  /**
   * The smallest value.
   *
   * @throws NoSuchElementException if the column is empty
   */
  int min();

  /**
   * The largest value.
   *
   * @throws NoSuchElementException if the column is empty
   */
  int max();

  /**
   * Copies rows {@code [first, first + count)} into {@code dst} starting at {@code offset}.
   *
   * @throws IndexOutOfBoundsException if the rows are outside the column or dst is too small
   */
  default void copyTo(int first, int count, int[] dst, int offset) {
    checkFromIndexSize(first, count, size());
    checkFromIndexSize(offset, count, dst.length);
    for (int i = 0; i < count; i++) {
      dst[offset + i] = get(first + i);
    }
  }

  /** A copy of every value on the heap (4 bytes per row: for small columns). */
  default int[] toArray() {
    int[] values = new int[size()];
    copyTo(0, values.length, values, 0);
    return values;
  }

  /**
   * The first row whose value lies outside {@code [from, to)}, or -1 if none does; without a scan
   * when {@link #min()} and {@link #max()} lie inside.
   *
   * @throws IllegalArgumentException if {@code from > to}
   */
  default int firstRowOutside(int from, int to) {
    checkArgument(from <= to, "empty range [%s, %s)", from, to);
    if (size() == 0 || (min() >= from && max() < to)) {
      return -1;
    }
    for (int row = 0; row < size(); row++) {
      int v = get(row);
      if (v < from || v >= to) {
        return row;
      }
    }
    throw new IllegalStateException(this + ": min " + min() + " and max " + max() + " disagree with its values");
  }

  /** A column holding a copy of {@code values} (taken once; later changes to the array do not show). */
  static IntColumn of(int... values) {
    return new IntArrayColumn(values.clone());
  }
}
