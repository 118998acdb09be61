package io.dp4tl.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedTest {
  private static RunResult r(String method, Double ratio, long seed, double acc) {
    return new RunResult("digits", method, ratio, seed, "LP", acc, acc, 1, 1, 0, 0, 0);
  }

  @Test
  void pairsSeedsAndComputesTheTInterval() {
    List<RunResult> runs = new ArrayList<>();
    double[] full = {0.90, 0.92, 0.94};
    double[] lm = {0.91, 0.92, 0.96};
    for (int s = 0; s < 3; s++) {
      runs.add(r("full", null, s + 1, full[s]));
      runs.add(r("lm", 0.5, s + 1, lm[s]));
    }
    Paired p = Paired.of(runs, 0.01).get(0);
    // differences 0.01, 0.00, 0.02: mean 0.01, sd 0.01, half-width 4.3027 * 0.01 / sqrt(3)
    assertThat(p.pairs()).isEqualTo(3);
    assertThat(p.meanDifference()).isCloseTo(0.01, within(1e-12));
    assertThat(p.low()).isCloseTo(0.01 - 4.3027 * 0.01 / Math.sqrt(3), within(1e-9));
    assertThat(p.differencePoints()).isEqualTo("+1.00 [-1.48, +3.48]");
    assertThat(p.verdict()).as("a mean gain whose interval reaches below -1 point")
        .isEqualTo(Paired.Verdict.INCONCLUSIVE);
    assertThat(Paired.of(runs, 0.02).get(0).verdict()).isEqualTo(Paired.Verdict.NO_LOSS);
  }

  @Test
  void verdictsInTheirOrder() {
    assertThat(Paired.verdict(0.001, 0.02, 0.01)).isEqualTo(Paired.Verdict.GAIN);
    assertThat(Paired.verdict(-0.01, 0.02, 0.01)).isEqualTo(Paired.Verdict.NO_LOSS);
    assertThat(Paired.verdict(-0.05, -0.001, 0.01)).isEqualTo(Paired.Verdict.LOSS);
    assertThat(Paired.verdict(-0.05, 0.03, 0.01)).as("wide interval").isEqualTo(Paired.Verdict.INCONCLUSIVE);
    assertThat(Paired.verdict(Double.NaN, Double.NaN, 0.01)).isEqualTo(Paired.Verdict.INCONCLUSIVE);
    assertThat(Paired.t975(2)).isEqualTo(4.3027);
    assertThat(Paired.t975(100)).isCloseTo(1.984, within(0.001));
  }
}
