package io.dp4tl.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Comparator;
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
    if (rule.share() != null) {
      throw new InvalidInputException("a per-class selection takes a ratio or a keep count, not " + rule);
    } else if (rule.ratio() != null) {
      BigDecimal r = BigDecimal.valueOf(rule.ratio());
      for (int c = 0; c < sizes.length; c++) {
        int removed = r.multiply(BigDecimal.valueOf(sizes[c])).setScale(0, RoundingMode.HALF_UP).intValueExact();
        keep[c] = Math.max(0, sizes[c] - removed);
      }
    } else {
      long n = rule.count();
      if (n > total) {
        throw new InvalidInputException("keep " + n + " is more than the " + total + " samples available; use at most "
            + total);
      }
      long[] remainder = new long[sizes.length];
      long given = 0;
      for (int c = 0; c < sizes.length; c++) {
        keep[c] = (int) (n * sizes[c] / total);
        remainder[c] = n * sizes[c] % total;
        given += keep[c];
      }
      Integer[] order = IntStream.range(0, sizes.length).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.<Integer>comparingLong(c -> -remainder[c]).thenComparingInt(c -> c));
      for (int i = 0; given < n; i++, given++) {
        keep[order[i]]++;
      }
    }
    if (Arrays.stream(keep).sum() < 1) {
      throw new InvalidInputException(rule + " leaves no sample in any of the " + sizes.length
          + " classes; use a smaller ratio or keep(n)");
    }
    return keep;
  }
}
