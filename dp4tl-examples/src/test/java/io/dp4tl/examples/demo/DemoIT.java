package io.dp4tl.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dp4tl.api.progress.RunControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo at its smallest size on the real installed data (fails naming scripts/install-data.sh
 * when the data is missing): every cell of the grid runs and the report is complete.
 */
class DemoIT {
  @TempDir Path report;

  @Test
  void runsTheWholeProtocolAndWritesTheReport() throws Exception {
    DemoOptions options = new DemoOptions(List.of("digits"), List.of("lm", "random-class"), List.of(0.5), List.of(3L),
        24, 4, "resnet-8", 4, "cnn", 1, 1, 1, 2, report);
    Demo.Outcome outcome = new Demo(options, RunControl.none()).run();
    DemoReport.write(options, outcome, 1000);

    // full and scratch, then each method at each ratio; LP and FF for each.
    assertThat(outcome.results()).hasSize(2 * (2 + 2));
    List<String> cells = new ArrayList<>();
    outcome.results().forEach(r -> cells.add(r.method() + "/" + r.ratio() + "/" + r.mode()));
    assertThat(cells).containsExactlyInAnyOrder("full/null/LP", "full/null/FF", "scratch/null/LP", "scratch/null/FF",
        "lm/0.5/LP", "lm/0.5/FF", "random-class/0.5/LP", "random-class/0.5/FF");
    outcome.results().forEach(r -> assertThat(r.lastAccuracy()).isBetween(0.0, 1.0));
    assertThat(outcome.results().stream().filter(r -> r.method().equals("lm")).findFirst().orElseThrow().keptClasses())
        .isEqualTo(12);

    JsonNode json = new ObjectMapper().readTree(report.resolve("results.json").toFile());
    assertThat(json.get("results")).hasSize(8);
    assertThat(json.get("selections").get("digits/lm/r0.5/seed3").get("keep").asInt()).isEqualTo(12);
    assertThat(Files.readString(report.resolve("report.md")))
        .contains("## What happened", "| lm |", "| full |", "| digits/lm |");
    assertThat(outcome.massCurves().get("digits/lm")).hasSize(24).endsWith(1.0);
    for (String png : List.of("accuracy-digits-LP.png", "accuracy-digits-FF.png", "pretraining-time.png",
        "lm-kept-classes-digits.png", "mass-curve.png")) {
      assertThat(Files.size(report.resolve(png))).as(png).isGreaterThan(500);
    }
  }
}
