package io.dp4tl.examples.report;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A method at a ratio compared with full-source pretraining, seed by seed: seed s of the method is
 * paired with seed s of full, the differences give a mean and a 95% Student t-interval, and the
 * interval gives the verdict, tested in this order: {@link Verdict#GAIN} (lower bound above 0),
 * {@link Verdict#NO_LOSS} (lower bound at least {@code -delta}), {@link Verdict#LOSS} (upper bound
 * below 0), {@link Verdict#INCONCLUSIVE} (otherwise: more seeds needed). An interval wider than the
 * tolerance on the low side never reads as "no loss"; one pair alone has no interval and is
 * inconclusive.
 *
 * @param target target name
 * @param mode {@code LP} or {@code FF}
 * @param method the method
 * @param ratio its pruning ratio
 * @param accuracy the method's accuracy over seeds
 * @param pairs seeds present for both the method and full
 * @param meanDifference mean of (method - full), as a fraction
 * @param low lower bound of the 95% interval of the difference ({@code NaN} for one pair)
 * @param high upper bound ({@code NaN} for one pair)
 * @param verdict what the interval says
 */
public record Paired(String target, String mode, String method, double ratio, Stats accuracy, int pairs,
    double meanDifference, double low, double high, Verdict verdict) {

  /** Verdict words, in the order they are tested. */
  public enum Verdict {
    GAIN("gain"), NO_LOSS("no loss"), LOSS("loss"), INCONCLUSIVE("inconclusive");

    private final String word;

    Verdict(String word) {
      this.word = word;
    }

    /** The word used in reports. */
    public String word() {
      return word;
    }
  }

  /** Two-sided 95% quantiles of Student's t for 1 to 30 degrees of freedom. */
  private static final double[] T975 = {12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622,
      2.2281, 2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860, 2.0796, 2.0739,
      2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};

  /** The 97.5% quantile of Student's t with {@code df} degrees of freedom (normal beyond 30: 1.96 + ...). */
  static double t975(int df) {
    checkArgument(df >= 1, "degrees of freedom must be >= 1, got %s", df);
    return df <= T975.length ? T975[df - 1] : 1.95996 + 2.3722 / df;
  }

  /** The verdict of an interval of the difference with tolerance {@code delta} (fractions). */
  static Verdict verdict(double low, double high, double delta) {
    if (Double.isNaN(low)) {
      return Verdict.INCONCLUSIVE;
    }
    if (low > 0) {
      return Verdict.GAIN;
    }
    if (low >= -delta) {
      return Verdict.NO_LOSS;
    }
    if (high < 0) {
      return Verdict.LOSS;
    }
    return Verdict.INCONCLUSIVE;
  }

  /**
   * Every (target, mode, method, ratio) of the results compared with full on the same target and
   * mode, metric {@link RunResult#lastAccuracy()}, in the order the results list them.
   *
   * @param delta the "no loss" tolerance as a fraction, e.g. 0.01
   */
  public static List<Paired> of(List<RunResult> results, double delta) {
    requireNonNull(results, "results");
    List<Paired> out = new ArrayList<>();
    List<List<Object>> cells = results.stream().filter(r -> r.ratio() != null)
        .map(r -> List.<Object>of(r.target(), r.mode(), r.method(), r.ratio())).distinct()
        .collect(Collectors.toList());
    for (List<Object> c : cells) {
      String target = (String) c.get(0);
      String mode = (String) c.get(1);
      String method = (String) c.get(2);
      double ratio = (Double) c.get(3);
      Map<Long, Double> full = bySeed(results, target, mode, "full", null);
      Map<Long, Double> m = bySeed(results, target, mode, method, ratio);
      List<Double> diffs = new ArrayList<>();
      m.forEach((seed, acc) -> {
        if (full.containsKey(seed)) {
          diffs.add(acc - full.get(seed));
        }
      });
      Stats accuracy = Stats.of(new ArrayList<>(m.values()));
      if (diffs.isEmpty()) {
        out.add(new Paired(target, mode, method, ratio, accuracy, 0, Double.NaN, Double.NaN, Double.NaN,
            Verdict.INCONCLUSIVE));
        continue;
      }
      Stats d = Stats.of(diffs);
      double half = d.n() > 1 ? t975(d.n() - 1) * d.std() / Math.sqrt(d.n()) : Double.NaN;
      double low = d.mean() - half;
      double high = d.mean() + half;
      out.add(new Paired(target, mode, method, ratio, accuracy, d.n(), d.mean(), low, high, verdict(low, high, delta)));
    }
    return out;
  }

  private static Map<Long, Double> bySeed(List<RunResult> results, String target, String mode, String method,
      Double ratio) {
    Map<Long, Double> m = new TreeMap<>();
    results.stream().filter(r -> r.target().equals(target) && r.mode().equals(mode) && r.method().equals(method)
            && Objects.equals(r.ratio(), ratio))
        .forEach(r -> m.put(r.seed(), r.lastAccuracy()));
    return m;
  }

  /** The interval in points, e.g. {@code -0.85 [-1.90, +0.20]}. */
  public String differencePoints() {
    if (pairs == 0) {
      return "no pair";
    }
    return Double.isNaN(low) ? String.format("%+.2f [one pair]", 100 * meanDifference)
        : String.format("%+.2f [%+.2f, %+.2f]", 100 * meanDifference, 100 * low, 100 * high);
  }
}
