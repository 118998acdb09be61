package io.dp4tl.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.api.progress.RunControl;
import io.dp4tl.examples.report.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's sample-level baselines at its smallest size on the installed data: they keep as many
 * samples as LM at each ratio, el2n and forgetting score from the surrogate's own recorded training,
 * and the report's tables list them.
 */
class DemoSampleLevelIT {
  @TempDir Path report;

  @Test
  void comparesTheSampleLevelBaselinesAtLabelMappingsSampleBudget() throws Exception {
    DemoOptions options = new DemoOptions(List.of("digits"), List.of("lm", "el2n", "forgetting", "moderate"),
        List.of(0.5), List.of(3L), 24, 4, "resnet-8", 4, "cnn", 2, 1, 1, 2, report);
    Demo.Outcome outcome = new Demo(options, RunControl.none()).run();
    DemoReport.write(options, outcome, 1000);

    int lmKept = keptSamples(outcome, "lm");
    assertThat(lmKept).isPositive();
    for (String method : List.of("el2n", "forgetting", "moderate")) {
      assertThat(keptSamples(outcome, method)).as(method).isEqualTo(lmKept);
      @SuppressWarnings("unchecked")
      Map<String, Object> selection =
          (Map<String, Object>) outcome.selections().get("digits/" + method + "/r0.5/seed3");
      assertThat(selection.get("keptSamples")).as(method).isEqualTo(lmKept);
      assertThat((List<?>) selection.get("top30")).first().asString().startsWith("sample ");
    }
    assertThat(Files.readString(report.resolve("report.md"))).contains("| el2n |", "| forgetting |", "| moderate |");
  }

  private static int keptSamples(Demo.Outcome outcome, String method) {
    return outcome.results().stream().filter(r -> r.method().equals(method)).findFirst()
        .map(RunResult::keptSamples).orElseThrow();
  }
}
