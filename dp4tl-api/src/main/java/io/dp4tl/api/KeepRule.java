package io.dp4tl.api;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How many ranked groups to keep: either a pruning {@code ratio} r (the fraction of groups
 * removed, {@code 0 <= r < 1}) or an absolute {@code count}. Exactly one is set.
 *
 * <p>With a ratio, {@code N = G - round(r * G)} where {@code round} is half-to-even (as NumPy and
 * Python round); a ratio that leaves no group is refused when resolved.
 *
 * @param ratio the fraction of groups removed, or {@code null} when {@code count} is set
 * @param count the number of groups kept, or {@code null} when {@code ratio} is set
 */
public record KeepRule(Double ratio, Integer count) {

  /**
   * @throws IllegalArgumentException if not exactly one of ratio and count is set, the ratio is
   *     outside [0, 1) or not finite, or the count is below 1
   */
  public KeepRule {
    checkArgument((ratio == null) != (count == null), "set exactly one of ratio and count");
    if (ratio != null) {
      checkArgument(
          Double.isFinite(ratio) && ratio >= 0 && ratio < 1,
          "ratio must be in [0, 1) (the fraction of groups removed), got %s",
          ratio);
    } else {
      checkArgument(count >= 1, "keep count must be at least 1, got %s", count);
    }
  }

  /**
   * @throws IllegalArgumentException if r is outside [0, 1)
   */
  public static KeepRule ratio(double r) {
    return new KeepRule(r, null);
  }

  /**
   * @throws IllegalArgumentException if n is below 1
   */
  public static KeepRule count(int n) {
    return new KeepRule(null, n);
  }

  /**
   * Number of groups kept out of {@code groups}.
   *
   * @throws InvalidInputException if the rule keeps no group or more groups than exist
   */
  public int resolve(int groups) {
    if (count != null) {
      if (count > groups) {
        throw new InvalidInputException(
            "keep " + count + " is more than the " + groups + " groups available; use at most " + groups);
      }
      return count;
    }
    int removed = (int) Math.rint(ratio * groups);
    int kept = groups - removed;
    if (kept < 1) {
      throw new InvalidInputException(
          "ratio " + ratio + " leaves no group of " + groups + " (round(" + ratio + " * " + groups
              + ") = " + removed + "); use a smaller ratio or keep(n)");
    }
    return kept;
  }

  @Override
  public String toString() {
    return ratio != null ? "ratio " + ratio : "keep " + count;
  }
}
