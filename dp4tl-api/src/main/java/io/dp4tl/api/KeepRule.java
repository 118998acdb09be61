package io.dp4tl.api;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How many ranked groups to keep: one of three rules.
 *
 * <ul>
 *   <li>{@link Ratio}: a pruning ratio r, the fraction of groups removed ({@code 0 <= r < 1}):
 *       {@code N = G - round(r * G)}, the product taken in decimal and {@code round} half-up, as
 *       the reference parity cases round (e.g. r = 0.95 of 30 classes removes 29, keeps 1);
 *   <li>{@link Count}: an absolute number N of groups;
 *   <li>{@link Share}: a share of the evidence mass ({@code 0 < share <= 1}): the smallest N whose
 *       top-ranked groups carry at least that share of the histogram's (or scores') total, the
 *       "automatic ratio".
 * </ul>
 *
 * A rule that keeps no group, or more groups than exist, is refused when resolved.
 */
public sealed interface KeepRule permits KeepRule.Ratio, KeepRule.Count, KeepRule.Share {

  /**
   * Prune this fraction of the groups.
   *
   * @throws IllegalArgumentException if r is outside [0, 1)
   */
  static Ratio ratio(double r) {
    return new Ratio(r);
  }

  /**
   * Keep exactly this many groups.
   *
   * @throws IllegalArgumentException if n is below 1
   */
  static Count count(int n) {
    return new Count(n);
  }

  /**
   * Keep the fewest top-ranked groups carrying this share of the evidence.
   *
   * @throws IllegalArgumentException if s is outside (0, 1]
   */
  static Share share(double s) {
    return new Share(s);
  }

  /**
   * Number of groups kept, given the evidence of every group in ranking order (best first).
   *
   * @throws InvalidInputException if the rule keeps no group or more groups than exist, or a
   *     share rule meets negative or all-zero evidence
   */
  int resolve(double[] rankedEvidence);

  /**
   * Prune the fraction {@code ratio} of the groups: keep {@code N = G - round(ratio * G)}.
   *
   * @param ratio the fraction of groups removed, in [0, 1)
   */
  record Ratio(double ratio) implements KeepRule {
    /** @throws IllegalArgumentException if ratio is outside [0, 1) */
    public Ratio {
      checkArgument(Double.isFinite(ratio) && ratio >= 0 && ratio < 1,
          "ratio must be in [0, 1) (the fraction of groups removed), got %s", ratio);
    }

    /**
     * Number of groups kept out of {@code groups}.
     *
     * @throws InvalidInputException if the ratio leaves no group
     */
    public int resolve(int groups) {
      // In decimal, so that a ratio written as 0.29 of 50 groups is the exact half 14.5 (rounded up
      // to 15), not the binary product 14.499999999999998.
      int removed = BigDecimal.valueOf(ratio).multiply(BigDecimal.valueOf(groups))
          .setScale(0, RoundingMode.HALF_UP).intValueExact();
      int kept = groups - removed;
      if (kept < 1) {
        throw new InvalidInputException("ratio " + ratio + " leaves no group of " + groups + " (round(" + ratio
            + " * " + groups + ") = " + removed + "); use a smaller ratio or keep(n)");
      }
      return kept;
    }

    /** @throws InvalidInputException if the ratio leaves no group */
    @Override
    public int resolve(double[] rankedEvidence) {
      return resolve(rankedEvidence.length);
    }

    @Override
    public String toString() {
      return "ratio " + ratio;
    }
  }

  /**
   * Keep exactly {@code count} groups.
   *
   * @param count the number of groups kept, at least 1
   */
  record Count(int count) implements KeepRule {
    /** @throws IllegalArgumentException if count is below 1 */
    public Count {
      checkArgument(count >= 1, "keep count must be at least 1, got %s", count);
    }

    /**
     * The count, checked against the number of groups.
     *
     * @throws InvalidInputException if the count is more than {@code groups}
     */
    public int resolve(int groups) {
      if (count > groups) {
        throw new InvalidInputException(
            "keep " + count + " is more than the " + groups + " groups available; use at most " + groups);
      }
      return count;
    }

    /** @throws InvalidInputException if the count is more than the groups ranked */
    @Override
    public int resolve(double[] rankedEvidence) {
      return resolve(rankedEvidence.length);
    }

    @Override
    public String toString() {
      return "keep " + count;
    }
  }

  /**
   * Keep the smallest set of top-ranked groups carrying {@code share} of the evidence mass.
   *
   * @param share the share of evidence mass kept, in (0, 1]
   */
  record Share(double share) implements KeepRule {
    /** @throws IllegalArgumentException if share is outside (0, 1] */
    public Share {
      checkArgument(share > 0 && share <= 1, "share must be in (0, 1] (the evidence mass kept), got %s", share);
    }

    /** @throws InvalidInputException if evidence is negative or sums to zero */
    @Override
    public int resolve(double[] rankedEvidence) {
      double[] curve = massCurve(rankedEvidence);
      for (int n = 0; n < curve.length; n++) {
        // A small tolerance so that a share of exactly 1.0 is not missed by rounding of the sum.
        if (curve[n] >= share - 1e-12) {
          return n + 1;
        }
      }
      return curve.length;
    }

    @Override
    public String toString() {
      return "share " + share;
    }
  }

  /**
   * Cumulative share of the total evidence carried by the top 1, 2, ... groups.
   *
   * @throws InvalidInputException if evidence is negative or sums to zero
   */
  static double[] massCurve(double[] rankedEvidence) {
    double total = 0;
    for (int i = 0; i < rankedEvidence.length; i++) {
      if (rankedEvidence[i] < 0) {
        throw new InvalidInputException("a share rule needs non-negative evidence; group at rank " + i
            + " has " + rankedEvidence[i] + " (use ratio or keep with this method)");
      }
      total += rankedEvidence[i];
    }
    if (total <= 0) {
      throw new InvalidInputException("a share rule needs evidence, but every group scored 0; use ratio or keep");
    }
    double[] curve = new double[rankedEvidence.length];
    double sum = 0;
    for (int i = 0; i < curve.length; i++) {
      sum += rankedEvidence[i];
      curve[i] = sum / total;
    }
    return curve;
  }
}
