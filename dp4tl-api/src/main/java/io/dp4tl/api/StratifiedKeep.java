package io.dp4tl.api;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A keep rule applied per stratum (e.g. per class, for {@code moderate.scope=class}): how many
 * samples each stratum keeps.
 *
 * <ul>
 *   <li>ratio r: stratum c keeps {@code N_c = n_c - round(r * n_c)} (decimal product, halves up;
 *       a stratum whose {@code N_c < 1} keeps nothing), so the total may differ from
 *       {@code n - round(r * n)};
 *   <li>count N (e.g. the sample budget of another selection): N split in proportion to the
 *       strata sizes by largest remainder, ties to the lower stratum (dp4tl rule), so the total is
 *       exactly N;
 *   <li>share: refused (a share needs one evidence curve, not one per stratum).
 * </ul>
 */
public final class StratifiedKeep {
  private StratifiedKeep() {}

  /**
   * The total a per-stratum selection keeps, checked against what it records: {@code strata} is
   * the {@code details.strata} of a selection, {@code {"sizes": [n_c...], "keep": [N_c...]}} (int
   * arrays, or lists of integers as read back from JSON).
   *
   * @throws IllegalArgumentException if {@code strata} is malformed or a recorded count is not what
   *     the rule gives for its stratum
   * @throws InvalidInputException as {@link #counts}
   */
  public static int total(KeepRule rule, Object strata) {
    checkArgument(strata instanceof Map<?, ?>, "strata must be {\"sizes\": [...], \"keep\": [...]}");
    Map<?, ?> m = (Map<?, ?>) strata;
    int[] sizes = ints(m.get("sizes"), "strata.sizes");
    int[] recorded = ints(m.get("keep"), "strata.keep");
    checkArgument(sizes.length == recorded.length, "strata.sizes has %s entries, strata.keep %s", sizes.length,
        recorded.length);
    int[] expected = counts(rule, sizes);
    for (int c = 0; c < sizes.length; c++) {
      checkArgument(sizes[c] >= 0, "strata.sizes[%s] is negative", c);
      checkArgument(expected[c] == recorded[c], "strata.keep[%s] is %s but %s of %s samples keeps %s", c, recorded[c],
          rule, sizes[c], expected[c]);
    }
    return Arrays.stream(expected).sum();
  }

  private static int[] ints(Object value, String what) {
    if (value instanceof int[] a) {
      return a.clone();
    }
    checkArgument(value instanceof List<?>, "%s must be an array of integers", what);
    List<?> list = (List<?>) value;
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      checkArgument(list.get(i) instanceof Integer, "%s[%s] must be an integer", what, i);
      out[i] = (Integer) list.get(i);
    }
    return out;
  }

  /**
   * Samples kept per stratum.
   *
   * @param sizes samples per stratum (0 for an empty one)
   * @throws InvalidInputException if the rule is a share, a count exceeds the samples, or nothing
   *     is kept
   */
  public static int[] counts(KeepRule rule, int[] sizes) {
    long total = 0;
    for (int s : sizes) {
      total += s;
    }
    int[] keep = new int[sizes.length];
    if (rule instanceof KeepRule.Ratio r) {
      BigDecimal ratio = BigDecimal.valueOf(r.ratio());
      for (int c = 0; c < sizes.length; c++) {
        int removed = ratio.multiply(BigDecimal.valueOf(sizes[c])).setScale(0, RoundingMode.HALF_UP).intValueExact();
        keep[c] = Math.max(0, sizes[c] - removed);
      }
    } else if (rule instanceof KeepRule.Count c) {
      long n = c.count();
      if (n > total) {
        throw new InvalidInputException("keep " + n + " is more than the " + total + " samples available; use at most "
            + total);
      }
      long[] remainder = new long[sizes.length];
      long given = 0;
      for (int k = 0; k < sizes.length; k++) {
        keep[k] = (int) (n * sizes[k] / total);
        remainder[k] = n * sizes[k] % total;
        given += keep[k];
      }
      Integer[] order = IntStream.range(0, sizes.length).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.<Integer>comparingLong(k -> -remainder[k]).thenComparingInt(k -> k));
      for (int i = 0; given < n; i++, given++) {
        keep[order[i]]++;
      }
    } else {
      throw new InvalidInputException("a per-class selection takes a ratio or a keep count, not " + rule);
    }
    if (Arrays.stream(keep).sum() < 1) {
      throw new InvalidInputException(rule + " leaves no sample in any of the " + sizes.length
          + " classes; use a smaller ratio or keep(n)");
    }
    return keep;
  }
}
