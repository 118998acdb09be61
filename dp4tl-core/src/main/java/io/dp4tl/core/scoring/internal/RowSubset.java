package io.dp4tl.core.scoring.internal;

import static com.google.common.base.Preconditions.checkPositionIndexes;

import io.dp4tl.api.data.FloatMatrix;

/** The rows of a matrix at given indices, in that order, as a matrix (nothing copied up front). */
final class RowSubset implements FloatMatrix {
  private final FloatMatrix matrix;
  private final int[] rows;
  private final String name;

  RowSubset(FloatMatrix matrix, int[] rows, String name) {
    this.matrix = matrix;
    this.rows = rows;
    this.name = name;
  }

  @Override
  public int rows() {
    return rows.length;
  }

  @Override
  public int cols() {
    return matrix.cols();
  }

  @Override
  public void copyRows(int first, int count, float[] dst, int offset) {
    checkPositionIndexes(first, first + count, rows.length);
    for (int i = 0; i < count; i++) {
      matrix.copyRows(rows[first + i], 1, dst, offset + i * matrix.cols());
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
