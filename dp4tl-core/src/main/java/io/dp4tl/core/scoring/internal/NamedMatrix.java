package io.dp4tl.core.scoring.internal;

import io.dp4tl.api.data.FloatMatrix;

/** A view of a matrix that says what it is (e.g. "target logits") in messages. */
final class NamedMatrix implements FloatMatrix {
  private final FloatMatrix matrix;
  private final String name;

  private NamedMatrix(FloatMatrix matrix, String name) {
    this.matrix = matrix;
    this.name = name;
  }

  /** {@code matrix} named {@code name}, unless its own description already starts with that name. */
  static FloatMatrix of(FloatMatrix matrix, String name) {
    return matrix.toString().startsWith(name) ? matrix : new NamedMatrix(matrix, name);
  }

  @Override
  public int rows() {
    return matrix.rows();
  }

  @Override
  public int cols() {
    return matrix.cols();
  }

  @Override
  public void copyRows(int first, int count, float[] dst, int offset) {
    matrix.copyRows(first, count, dst, offset);
  }

  @Override
  public float get(int row, int col) {
    return matrix.get(row, col);
  }

  @Override
  public String sha256() {
    return matrix.sha256();
  }

  @Override
  public String toString() {
    return name + " [" + matrix.rows() + " x " + matrix.cols() + "]";
  }
}
