package io.dp4tl.core.accel.internal;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;

/** Squared row norms with the finiteness check every kernel needs. */
public final class RowChecks {
  private RowChecks() {}

  /**
   * Writes the squared norm ({@link Distances#squaredNorm}) of each of {@code count} rows of width
   * {@code d} in {@code rows} into {@code norms}.
   *
   * @return the first row (0-based within the block) holding NaN or infinity, or -1
   */
  public static int squaredNorms(float[] rows, int count, int d, double[] norms) {
    for (int r = 0; r < count; r++) {
      double s = Distances.squaredNorm(rows, r * d, d);
      // A float squared fits a double, so only NaN or infinity in the row makes s non-finite.
      if (!Double.isFinite(s)) {
        return r;
      }
      norms[r] = s;
    }
    return -1;
  }

  /**
   * The error for a non-finite value in row {@code row} of {@code matrix}; {@code values} holds that
   * row at {@code offset}.
   */
  public static InvalidInputException nonFinite(FloatMatrix matrix, int row, float[] values, int offset) {
    int cols = matrix.cols();
    int col = 0;
    while (col < cols && Float.isFinite(values[offset + col])) {
      col++;
    }
    String value = col < cols ? Float.toString(values[offset + col]) : "a non-finite value";
    return new InvalidInputException("row " + row + " of " + matrix + " holds " + value + " at column " + col
        + ": every value must be finite; fix or drop that row and retry");
  }
}
