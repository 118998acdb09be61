package io.dp4tl.api.data;

import java.util.NoSuchElementException;

/** An {@link IntColumn} over a heap array it owns; see {@link IntColumn#of}. */
final class IntArrayColumn implements IntColumn {
  private final int[] values;
  private final int min;
  private final int max;

  IntArrayColumn(int[] values) {
    this.values = values;
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    for (int v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    this.min = lo;
    this.max = hi;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public int get(int row) {
    return values[row];
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
    if (values.length == 0) {
      throw new NoSuchElementException("the column is empty");
    }
    return value;
  }

  @Override
  public void copyTo(int first, int count, int[] dst, int offset) {
    System.arraycopy(values, first, dst, offset, count);
  }

  @Override
  public String toString() {
    return "IntColumn[" + values.length + " values"
        + (values.length == 0 ? "" : " in [" + min + ", " + max + "]") + "]";
  }
}
