package io.dp4tl.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.FinetuneMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo at its smallest size on the real installed data (fails naming scripts/install-data.sh
 * when the data is missing): every cell of the grid runs for two paired seeds and the report is
 * complete.
 */
class DemoIT {
  @TempDir Path report;

  @Test
  void runsTheWholeProtocolAndWritesTheReport() throws Exception {
    DemoOptions options = new DemoOptions(List.of("digits"), List.of("lm", "random-class"), List.of(0.5),
        List.of(3L, 4L), 24, 4, "cnn-6", 4, "cnn", 1, 1, 1, 2, report,
        List.of(FinetuneMode.LINEAR_PROBE, FinetuneMode.FULL), null);
    Demo.Outcome outcome = new Demo(options, RunControl.none()).run();
    DemoReport.write(options, outcome, 1000);

    // per seed: full (LP, FF), scratch (FF), then each method at each ratio (LP, FF).
    assertThat(outcome.results()).hasSize(2 * (2 + 1 + 2 * 2));
    List<String> cells = new ArrayList<>();
    outcome.results().stream().filter(r -> r.seed() == 3)
        .forEach(r -> cells.add(r.method() + "/" + r.ratio() + "/" + r.mode()));
    assertThat(cells).containsExactlyInAnyOrder("full/null/LP", "full/null/FF", "scratch/null/FF",
        "lm/0.5/LP", "lm/0.5/FF", "random-class/0.5/LP", "random-class/0.5/FF");
    assertThat(outcome.surrogate().heldOut()).isEqualTo(24);
    assertThat(outcome.surrogate().trainAccuracy()).isBetween(0.0, 1.0);
    assertThat(outcome.topClasses().get("digits")).hasSize(24);
    assertThat(outcome.reused()).anyMatch(s -> s.startsWith("the surrogate"));
    outcome.results().forEach(r -> assertThat(r.lastAccuracy()).isBetween(0.0, 1.0));
    assertThat(outcome.results().stream().filter(r -> r.method().equals("lm")).findFirst().orElseThrow().keptClasses())
        .isEqualTo(12);

    JsonNode json = new ObjectMapper().readTree(report.resolve("results.json").toFile());
    assertThat(json.get("results")).hasSize(14);
    JsonNode row = json.get("results").get(0);
    for (String field : List.of("target", "method", "ratio", "seed", "mode", "lastAccuracy")) {
      assertThat(row.has(field)).as(field).isTrue();
    }
    assertThat(row.get("ratio").isNull()).isTrue();
    assertThat(json.get("wallMillis").asLong()).isEqualTo(1000);
    assertThat(json.get("verdicts")).hasSize(2 * 2);
    assertThat(json.get("selections").get("digits/lm/r0.5/seed3").get("keep").asInt()).isEqualTo(12);
    assertThat(Files.readString(report.resolve("report.md")))
        .startsWith("# dp4tl demo").contains("## Verdicts", "## What happened", "| lm |", "| full |", "| digits/lm |")
        .containsAnyOf("**gain**", "**no loss**", "**loss**", "**inconclusive**");
    assertThat(Files.readString(report.resolve("findings.md"))).contains("**digits, LP**", "At r = 0.5:");
    assertThat(outcome.massCurves().get("digits/lm")).hasSize(24).endsWith(1.0);
    for (String png : List.of("accuracy-digits-LP.png", "accuracy-digits-FF.png", "pretraining-time.png",
        "lm-kept-classes-digits.png", "mass-curve.png")) {
      assertThat(Files.size(report.resolve(png))).as(png).isGreaterThan(500);
    }
  }
}
