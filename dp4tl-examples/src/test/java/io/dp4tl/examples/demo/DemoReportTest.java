package io.dp4tl.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.examples.report.Paired;
import io.dp4tl.examples.report.RunResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's verdict table and sentences come from the numbers alone. */
class DemoReportTest {
  private static RunResult lp(String method, Double ratio, long seed, double acc) {
    return new RunResult("digits", method, ratio, seed, "LP", acc, acc, 1, 1, 1000, 10, 100);
  }

  @Test
  void verdictsAndSentencesFollowTheNumbers() {
    List<RunResult> runs = new ArrayList<>();
    double[] full = {0.940, 0.935, 0.945};
    for (int s = 0; s < 3; s++) {
      runs.add(lp("full", null, s + 1, full[s]));
      runs.add(lp("lm", 0.8, s + 1, full[s] + 0.010 + 0.001 * s));  // always above full: gain
      runs.add(lp("random-class", 0.8, s + 1, full[s] - 0.05 - 0.001 * s));  // far below: loss
    }
    String table = DemoReport.verdictTable(Paired.of(runs, DemoReport.DELTA));
    assertThat(table).contains("| digits | LP | lm | 0.8 |", "**gain**", "| digits | LP | random-class | 0.8 |",
        "**loss**");
    String findings = DemoReport.findings(runs);
    assertThat(findings).contains("**digits, LP**: full-source pretraining 94.00 ± 0.50% (3 seeds).",
        "At r = 0.8:", "lm 95.10 ± ", "(+1.10 [+0.85, +1.35] vs full: gain)", "(-5.10 [", "vs full: loss)",
        "Ranked by mean: lm > random-class.");
  }
}
