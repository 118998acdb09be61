package io.dp4tl.api;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How many ranked groups to keep; exactly one of three ways:
 *
 * <ul>
 *   <li>a pruning {@code ratio} r, the fraction of groups removed ({@code 0 <= r < 1}):
 *       {@code N = G - round(r * G)}, the product taken in decimal and {@code round} half-up, as
 *       the reference parity cases round (e.g. r = 0.95 of 30 classes removes 29, keeps 1);
 *   <li>an absolute {@code count} N;
 *   <li>a {@code share} of the evidence mass ({@code 0 < share <= 1}): the smallest N whose
 *       top-ranked groups carry at least that share of the histogram's (or scores') total, the
 *       "automatic ratio".
 * </ul>
 *
 * A rule that keeps no group is refused when resolved.
 *
 * @param ratio the fraction of groups removed, or {@code null}
 * @param count the number of groups kept, or {@code null}
 * @param share the share of evidence mass kept, or {@code null}
 */
public record KeepRule(Double ratio, Integer count, Double share) {

  /**
   * @throws IllegalArgumentException if not exactly one is set, or the one set is out of range
   */
  public KeepRule {
    int set = (ratio != null ? 1 : 0) + (count != null ? 1 : 0) + (share != null ? 1 : 0);
    checkArgument(set == 1, "set exactly one of ratio, count and share");
    if (ratio != null) {
      checkArgument(
          Double.isFinite(ratio) && ratio >= 0 && ratio < 1,
          "ratio must be in [0, 1) (the fraction of groups removed), got %s",
          ratio);
    } else if (count != null) {
      checkArgument(count >= 1, "keep count must be at least 1, got %s", count);
    } else {
      checkArgument(share > 0 && share <= 1, "share must be in (0, 1] (the evidence mass kept), got %s", share);
    }
  }

  /**
   * @throws IllegalArgumentException if r is outside [0, 1)
   */
  public static KeepRule ratio(double r) {
    return new KeepRule(r, null, null);
  }

  /**
   * @throws IllegalArgumentException if n is below 1
   */
  public static KeepRule count(int n) {
    return new KeepRule(null, n, null);
  }

  /**
   * @throws IllegalArgumentException if s is outside (0, 1]
   */
  public static KeepRule share(double s) {
    return new KeepRule(null, null, s);
  }

  /**
   * Number of groups kept out of {@code groups} for a ratio or count rule.
   *
   * @throws InvalidInputException if the rule keeps no group or more groups than exist
   * @throws IllegalStateException if this is a share rule (use {@link #resolve(double[])})
   */
  public int resolve(int groups) {
    if (share != null) {
      throw new IllegalStateException("a share rule needs the ranked evidence: use resolve(double[])");
    }
    if (count != null) {
      if (count > groups) {
        throw new InvalidInputException(
            "keep " + count + " is more than the " + groups + " groups available; use at most " + groups);
      }
      return count;
    }
    // In decimal, so that a ratio written as 0.29 of 50 groups is the exact half 14.5 (rounded up to
    // 15), not the binary product 14.499999999999998.
    int removed = BigDecimal.valueOf(ratio).multiply(BigDecimal.valueOf(groups))
        .setScale(0, RoundingMode.HALF_UP).intValueExact();
    int kept = groups - removed;
    if (kept < 1) {
      throw new InvalidInputException(
          "ratio " + ratio + " leaves no group of " + groups + " (round(" + ratio + " * " + groups
              + ") = " + removed + "); use a smaller ratio or keep(n)");
    }
    return kept;
  }

  /**
   * Number of groups kept, given the evidence of every group in ranking order (best first).
   *
   * @throws InvalidInputException if the rule keeps no group, or a share rule meets negative or
   *     all-zero evidence
   */
  public int resolve(double[] rankedEvidence) {
    if (share == null) {
      return resolve(rankedEvidence.length);
    }
    double[] curve = massCurve(rankedEvidence);
    for (int n = 0; n < curve.length; n++) {
      // A small tolerance so that a share of exactly 1.0 is not missed by rounding of the sum.
      if (curve[n] >= share - 1e-12) {
        return n + 1;
      }
    }
    return curve.length;
  }

  /**
   * Cumulative share of the total evidence carried by the top 1, 2, ... groups.
   *
   * @throws InvalidInputException if evidence is negative or sums to zero
   */
  public static double[] massCurve(double[] rankedEvidence) {
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

  @Override
  public String toString() {
    return ratio != null ? "ratio " + ratio : count != null ? "keep " + count : "share " + share;
  }
}
