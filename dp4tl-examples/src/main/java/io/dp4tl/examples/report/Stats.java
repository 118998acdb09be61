package io.dp4tl.examples.report;

import java.util.List;

/**
 * Mean and sample standard deviation of a few numbers (seeds).
 *
 * @param mean arithmetic mean
 * @param std sample standard deviation (0 for one value)
 * @param n how many values
 */
public record Stats(double mean, double std, int n) {

  /** @throws IllegalArgumentException if values is empty */
  public static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    double std = values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0;
    return new Stats(mean, std, values.size());
  }

  /** As a percentage with spread, e.g. {@code 91.23 ± 0.40}. */
  public String percent() {
    return n > 1 ? String.format("%.2f ± %.2f", 100 * mean, 100 * std) : String.format("%.2f", 100 * mean);
  }
}
