package io.dp4tl.onnx.internal;

/** Short descriptions of the sample indices of a batch, for error messages. */
public final class SampleIndices {
  private static final int SHOWN = 8;

  private SampleIndices() {}

  /** E.g. {@code "128..191"} for a run, else {@code "[3, 7, 9, ... and 12 more]"}. */
  public static String describe(int[] indices, int from, int to) {
    if (to <= from) {
      return "[]";
    }
    boolean consecutive = true;
    for (int i = from + 1; i < to && consecutive; i++) {
      consecutive = indices[i] == indices[i - 1] + 1;
    }
    if (consecutive) {
      return to - from == 1 ? String.valueOf(indices[from]) : indices[from] + ".." + indices[to - 1];
    }
    StringBuilder s = new StringBuilder("[");
    for (int i = from; i < Math.min(to, from + SHOWN); i++) {
      s.append(i == from ? "" : ", ").append(indices[i]);
    }
    if (to - from > SHOWN) {
      s.append(", ... and ").append(to - from - SHOWN).append(" more");
    }
    return s.append(']').toString();
  }
}
