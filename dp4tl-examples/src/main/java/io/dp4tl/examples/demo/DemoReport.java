package io.dp4tl.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Version;
import io.dp4tl.core.io.AtomicFiles;
import io.dp4tl.examples.report.Charts;
import io.dp4tl.examples.report.ImageSheet;
import io.dp4tl.examples.report.MarkdownReport;
import io.dp4tl.examples.report.RunResult;
import io.dp4tl.examples.report.Stats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Writes {@code report/}: results.json, report.md, PNG plots and the LM kept-class sheets. */
final class DemoReport {
  private DemoReport() {}

  static void write(DemoOptions options, Demo.Outcome outcome, long wallMillis) throws IOException {
    Path dir = options.reportDir();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("dp4tl", Version.get());
    json.put("createdAt", Instant.now().toString());
    json.put("wallMillis", wallMillis);
    json.put("options", options);
    json.put("sourceClasses", outcome.sourceClasses());
    json.put("sourceSamples", outcome.sourceSamples());
    json.put("results", outcome.results());
    json.put("selections", outcome.selections());
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    byte[] bytes = mapper.writeValueAsBytes(json);
    AtomicFiles.write(dir.resolve("results.json"), out -> out.write(bytes));
    for (String target : options.targets()) {
      for (String mode : List.of("LP", "FF")) {
        Charts.accuracyVsRatio(outcome.results(), target, mode, dir.resolve("accuracy-" + target + "-" + mode + ".png"));
      }
    }
    Charts.timeVsRatio(outcome.results(), dir.resolve("pretraining-time.png"));
    Charts.massCurves(outcome.massCurves(), 200, dir.resolve("mass-curve.png"));
    for (Map.Entry<String, List<io.dp4tl.api.data.Image>> sheet : outcome.keptSheets().entrySet()) {
      ImageSheet.write(sheet.getValue(), 16, 2, dir.resolve("lm-kept-classes-" + sheet.getKey() + ".png"));
    }
    String md = markdown(options, outcome, wallMillis);
    AtomicFiles.write(dir.resolve("report.md"), out -> out.write(md.getBytes(StandardCharsets.UTF_8)));
  }

  private static String markdown(DemoOptions o, Demo.Outcome outcome, long wallMillis) {
    StringBuilder md = new StringBuilder("# dp4tl demo: dataset pruning for transfer learning, end to end\n\n");
    md.append(String.format("Source: %d glyph classes, %d images (32x32, white on black). Targets: %s. "
            + "Pretrained network: %s (width %d), %d epochs whatever the ratio; surrogate: %s. Finetuning: %d epochs, "
            + "LP (frozen backbone and batch-norm statistics) and FF. Seeds: %s. Wall time: %.1f min. dp4tl %s.%n%n",
        outcome.sourceClasses(), outcome.sourceSamples(), o.targets(), o.architecture(), o.width(), o.pretrainEpochs(),
        o.surrogateArchitecture(), o.finetuneEpochs(), o.seeds(), wallMillis / 60000.0, Version.get()));
    md.append("Cells are target test top-1 accuracy in %, mean ± sample standard deviation over seeds. "
        + "`r` is the fraction of source classes removed; `r = 0` is full-source pretraining (and scratch: no "
        + "pretraining at all).\n\n");
    md.append("## What happened\n\n").append(findings(outcome.results())).append('\n');
    md.append("## Tables\n\n").append(MarkdownReport.tables(outcome.results()));
    if (!outcome.massCurves().isEmpty()) {
      md.append("### Automatic ratio: classes needed to carry a share of the mapped mass\n\n")
          .append("| target / method | 80% | 90% | 95% | 99% |\n|---|---|---|---|---|\n");
      outcome.massCurves().forEach((key, curve) -> {
        md.append("| ").append(key).append(" |");
        for (double share : new double[] {0.8, 0.9, 0.95, 0.99}) {
          md.append(' ').append(KeepRule.share(share).resolve(increments(curve))).append(" |");
        }
        md.append('\n');
      });
      md.append('\n');
    }
    md.append("## Plots\n\n");
    for (String target : o.targets()) {
      for (String mode : List.of("LP", "FF")) {
        md.append("![").append(target).append(' ').append(mode).append("](accuracy-").append(target).append('-')
            .append(mode).append(".png)\n");
      }
      md.append("![LM kept classes for ").append(target).append("](lm-kept-classes-").append(target).append(".png)\n");
    }
    md.append("![pretraining time](pretraining-time.png)\n");
    if (!outcome.massCurves().isEmpty()) {
      md.append("![mass curve](mass-curve.png)\n");
    }
    return md.toString();
  }

  /** The per-class evidence back from a cumulative share curve (its increments). */
  private static double[] increments(double[] curve) {
    double[] d = new double[curve.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = curve[i] - (i == 0 ? 0 : curve[i - 1]);
    }
    return d;
  }

  /** Plain statements of how each method compares with full-source pretraining, whichever way it came out. */
  static String findings(List<RunResult> results) {
    StringBuilder f = new StringBuilder();
    List<String> targets = results.stream().map(RunResult::target).distinct().collect(Collectors.toList());
    for (String target : targets) {
      for (String mode : List.of("LP", "FF")) {
        Stats full = stats(results, target, "full", null, mode);
        if (full == null) {
          continue;
        }
        Stats scratch = stats(results, target, "scratch", null, mode);
        f.append(String.format("- **%s, %s**: full-source pretraining %s%%%s.", target, mode, full.percent(),
            scratch == null ? "" : ", training from scratch " + scratch.percent() + "%"));
        results.stream().filter(r -> r.target().equals(target) && r.ratio() != null).map(RunResult::ratio).distinct()
            .sorted().forEach(ratio -> {
              f.append(String.format(" At r = %s:", ratio));
              results.stream().filter(r -> r.target().equals(target) && Objects.equals(r.ratio(), ratio))
                  .map(RunResult::method).distinct().forEach(method -> {
                    Stats s = stats(results, target, method, ratio, mode);
                    double delta = 100 * (s.mean() - full.mean());
                    f.append(String.format(" %s %s (%+.2f vs full)", method, s.percent(), delta));
                  });
              f.append('.');
            });
        f.append('\n');
      }
    }
    return f.toString();
  }

  private static Stats stats(List<RunResult> results, String target, String method, Double ratio, String mode) {
    List<Double> v = results.stream().filter(r -> r.target().equals(target) && r.method().equals(method)
            && Objects.equals(r.ratio(), ratio) && r.mode().equals(mode))
        .map(RunResult::lastAccuracy).collect(Collectors.toList());
    return v.isEmpty() ? null : Stats.of(v);
  }
}
