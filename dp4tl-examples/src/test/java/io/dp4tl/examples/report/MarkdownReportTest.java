package io.dp4tl.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {
  @TempDir Path tmp;

  private static final List<RunResult> RUNS = List.of(
      new RunResult("digits", "full", null, 1, "LP", 0.90, 0.92, 1, 1, 1000, 100, 5000),
      new RunResult("digits", "full", null, 2, "LP", 0.92, 0.93, 1, 1, 1000, 100, 5000),
      new RunResult("digits", "lm", 0.8, 1, "LP", 0.89, 0.90, 1, 1, 250, 20, 1000),
      new RunResult("digits", "lm", 0.8, 2, "LP", 0.91, 0.91, 1, 1, 200, 20, 1000),
      new RunResult("digits", "scratch", null, 1, "LP", 0.50, 0.55, 1, 1, 0, 0, 0));

  @Test
  void tablesShowMeanAndSpreadPerMethodAndRatio() {
    String md = MarkdownReport.tables(RUNS);
    assertThat(md).contains("### digits, LP (last epoch)");
    assertThat(md).contains("| full | 91.00 ± 1.41 |");
    assertThat(md).contains("| lm |  | 90.00 ± 1.41 |");
    assertThat(md).contains("| scratch | 50.00 |");
  }

  @Test
  void timeTableComparesWithTheIdeal() {
    String t = MarkdownReport.timeTable(RUNS);
    assertThat(t).contains("| lm | 0.8 | 1000 | 0.225 | 0.200 | 4.44x | 5.00x |");
  }

  @Test
  void chartsAreWrittenAsPng() throws Exception {
    Charts.accuracyVsRatio(RUNS, "digits", "LP", tmp.resolve("acc.png"));
    Charts.timeVsRatio(RUNS, tmp.resolve("time.png"));
    assertThat(Files.readAllBytes(tmp.resolve("acc.png"))).startsWith(0x89, 'P', 'N', 'G');
    assertThat(Files.size(tmp.resolve("time.png"))).isGreaterThan(1000);
  }
}
