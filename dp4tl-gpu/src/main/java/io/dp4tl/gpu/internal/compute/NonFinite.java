package io.dp4tl.gpu.internal.compute;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;

/** The error for a row holding NaN or infinity, worded as the CPU accelerator words it. */
final class NonFinite {
  private NonFinite() {}

  /** Reads the row on the host to name the first bad value and its column. */
  static InvalidInputException inRow(FloatMatrix matrix, int row) {
    float[] values = new float[matrix.cols()];
    matrix.copyRows(row, 1, values, 0);
    int col = 0;
    while (col < values.length && Float.isFinite(values[col])) {
      col++;
    }
    String value = col < values.length ? Float.toString(values[col]) : "a non-finite value";
    return new InvalidInputException("row " + row + " of " + matrix + " holds " + value + " at column " + col
        + ": every value must be finite; fix or drop that row and retry");
  }
}
