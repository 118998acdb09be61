package io.dp4tl.core.accel.internal;

/** Row-wise argmax for Label Mapping, the lowest column winning a tie. */
public final class ArgmaxKernel {
  private ArgmaxKernel() {}

  /**
   * Counts the argmax of each of {@code count} rows of width {@code cols} into {@code counts}.
   *
   * @return the first row (0-based within the block) holding NaN or infinity, or -1; rows before it
   *     are counted
   */
  public static int countArgmax(float[] rows, int count, int cols, long[] counts) {
    for (int r = 0; r < count; r++) {
      int o = r * cols;
      float max = Float.NEGATIVE_INFINITY;
      float min = Float.POSITIVE_INFINITY;
      for (int c = 0; c < cols; c++) {
        float v = rows[o + c];
        max = Math.max(max, v);
        min = Math.min(min, v);
      }
      // Math.max and Math.min propagate NaN, so one test per row covers NaN and both infinities.
      if (!Float.isFinite(max) || !Float.isFinite(min)) {
        return r;
      }
      int c = o;
      while (rows[c] != max) {
        c++;
      }
      counts[c - o]++;
    }
    return -1;
  }
}
