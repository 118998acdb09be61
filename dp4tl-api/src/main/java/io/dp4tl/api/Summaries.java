package io.dp4tl.api;

import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The pieces of the one-screen summaries that {@link Selection} and {@link Scoring} print. */
final class Summaries {
  private Summaries() {}

  /** {@code "  top: g (evidence), ..."}: the first ten ranked groups with their evidence, and a newline. */
  static String top(int[] ranking, double[] evidence) {
    int shown = Math.min(10, ranking.length);
    return "  top: " + IntStream.range(0, shown)
        .mapToObj(i -> ranking[i] + " (" + number(evidence[ranking[i]]) + ")")
        .collect(Collectors.joining(", ")) + (ranking.length > shown ? ", ...\n" : "\n");
  }

  /** An integer as an integer, anything else to four significant digits. */
  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format("%.4g", v);
  }

  /** At most 20 values, then how many there are in all. */
  static String abbreviate(int[] values) {
    if (values.length <= 20) {
      return Arrays.toString(values);
    }
    return Arrays.toString(Arrays.copyOf(values, 20)).replace("]", ", ... (" + values.length + " in all)]");
  }
}
