package io.dp4tl.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Version;
import io.dp4tl.api.spi.FinetuneMode;
import io.dp4tl.core.io.AtomicFiles;
import io.dp4tl.examples.report.Charts;
import io.dp4tl.examples.report.ImageSheet;
import io.dp4tl.examples.report.MarkdownReport;
import io.dp4tl.examples.report.Paired;
import io.dp4tl.examples.report.RunResult;
import io.dp4tl.examples.report.Stats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Writes {@code report/}: results.json, report.md (opening with the verdict table), findings.md
 * (the sentences about the results, generated from the numbers), PNG plots and the LM kept-class
 * sheets.
 */
final class DemoReport {
  /** Tolerance of the "no loss" verdict, as a fraction (1 point). */
  static final double DELTA = 0.01;

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
    json.put("surrogate", outcome.surrogate());
    json.put("reused", outcome.reused());
    json.put("noLossTolerance", DELTA);
    json.put("verdicts", Paired.of(outcome.results(), DELTA));
    json.put("results", outcome.results());
    json.put("selections", outcome.selections());
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    byte[] bytes = mapper.writeValueAsBytes(json);
    AtomicFiles.write(dir.resolve("results.json"), out -> out.write(bytes));
    for (String target : options.targets()) {
      for (String mode : modes(outcome)) {
        Path png = dir.resolve("accuracy-" + target + "-" + mode + ".png");
        Charts.accuracyVsRatio(outcome.results(), target, mode, png);
      }
    }
    Charts.timeVsRatio(outcome.results(), dir.resolve("pretraining-time.png"));
    Charts.massCurves(outcome.massCurves(), 200, dir.resolve("mass-curve.png"));
    for (Map.Entry<String, List<io.dp4tl.api.data.Image>> sheet : outcome.keptSheets().entrySet()) {
      ImageSheet.write(sheet.getValue(), 16, 2, dir.resolve("lm-kept-classes-" + sheet.getKey() + ".png"));
    }
    String md = markdown(options, outcome, wallMillis);
    AtomicFiles.write(dir.resolve("report.md"), out -> out.write(md.getBytes(StandardCharsets.UTF_8)));
    String findings = findings(outcome.results());
    AtomicFiles.write(dir.resolve("findings.md"), out -> out.write(findings.getBytes(StandardCharsets.UTF_8)));
  }

  private static String markdown(DemoOptions o, Demo.Outcome outcome, long wallMillis) {
    StringBuilder md = new StringBuilder("# dp4tl demo: dataset pruning for transfer learning, end to end\n\n");
    md.append("## Verdicts\n\n").append(verdictTable(Paired.of(outcome.results(), DELTA))).append('\n');
    md.append(String.format("Each row pairs seed s of the method with seed s of full-source pretraining: the "
        + "difference in target test top-1 (method - full, points), its 95%% Student t-interval over the seeds, and "
        + "the verdict read from the interval in this order: **gain** (lower bound > 0), **no loss** (lower bound "
        + ">= -%.1f point, the tolerance delta), **loss** (upper bound < 0), **inconclusive** (otherwise: more "
        + "seeds needed). Accuracy cells are mean ± sample standard deviation over seeds.%n%n", 100 * DELTA));
    md.append("## What happened\n\n").append(findings(outcome.results())).append('\n');
    md.append("## Setup\n\n");
    md.append(String.format("Source: %d glyph classes, %d images (white on black). Targets: %s. Pretrained "
            + "network: %s (width %d), %d epochs whatever the ratio. Surrogate: %s (width %d), %d epochs on the "
            + "source%s: train top-1 %.2f%%, held-out top-1 %s. "
            + "Linear probe (LP): frozen backbone, features extracted once, multinomial L2 logistic regression fitted "
            + "by L-BFGS to convergence, penalty chosen on a 20%% validation split of the target's training images, "
            + "refitted on all of them. %s Seeds: %s. Wall time: %.1f min. dp4tl %s.%n%n",
        outcome.sourceClasses(), outcome.sourceSamples(), o.targets(), o.architecture(), o.width(), o.pretrainEpochs(),
        o.surrogateArchitecture(), o.width(), o.surrogateEpochs(),
        outcome.surrogate().heldOut() > 0 ? " less one held-out image per class" : "",
        100 * outcome.surrogate().trainAccuracy(), outcome.surrogate().heldOutText(),
        o.modes().contains(FinetuneMode.FULL) ? "Full finetune (FF): " + o.finetuneEpochs() + " epochs of SGD; the "
            + "tables give the last epoch and the best. Training from scratch: FF only."
            : "No full finetune in this run (LP only).", o.seeds(),
        wallMillis / 60000.0, Version.get()));
    if (!outcome.reused().isEmpty()) {
      md.append("Computed once and reused: the glyph render cache (on disk, across runs); ")
          .append(String.join("; ", outcome.reused())).append(".\n\n");
    }
    md.append("`r` is the fraction of source classes removed; `r = 0` is full-source pretraining (and scratch: no "
        + "pretraining at all).\n\n");
    if (!outcome.topClasses().isEmpty()) {
      md.append("### LM's top-ranked source classes (first seed)\n\n");
      outcome.topClasses().forEach((target, top) -> md.append("- ").append(target).append(": ")
          .append(String.join(" ", top)).append('\n'));
      md.append('\n');
    }
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
    md.append("## Plots\n\nAccuracy against ratio: mean over seeds, bars = 95% t-interval of the mean.\n\n");
    for (String target : o.targets()) {
      for (String mode : modes(outcome)) {
        md.append("![").append(target).append(' ').append(mode).append("](accuracy-").append(target).append('-')
            .append(mode).append(".png)\n");
      }
      if (outcome.keptSheets().containsKey(target)) {
        md.append("![LM kept classes for ").append(target).append("](lm-kept-classes-").append(target)
            .append(".png)\n");
      }
    }
    md.append("![pretraining time](pretraining-time.png)\n");
    if (!outcome.massCurves().isEmpty()) {
      md.append("![mass curve](mass-curve.png)\n");
    }
    return md.toString();
  }

  private static List<String> modes(Demo.Outcome outcome) {
    return outcome.results().stream().map(RunResult::mode).distinct().sorted(Comparator.reverseOrder()).toList();
  }

  /** One row per (target, mode, method, ratio): accuracy, paired difference to full, verdict. */
  static String verdictTable(List<Paired> verdicts) {
    StringBuilder t = new StringBuilder(
        "| target | mode | method | r | top-1 % | vs full (points, 95% CI) | seeds | verdict |\n"
        + "|---|---|---|---|---|---|---|---|\n");
    for (Paired p : verdicts) {
      t.append(String.format("| %s | %s | %s | %s | %s | %s | %d | **%s** |%n", p.target(), p.mode(), p.method(),
          p.ratio(), p.accuracy().percent(), p.differencePoints(), p.pairs(), p.verdict().word()));
    }
    return t.toString();
  }

  /** The per-class evidence back from a cumulative share curve (its increments). */
  private static double[] increments(double[] curve) {
    double[] d = new double[curve.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = curve[i] - (i == 0 ? 0 : curve[i - 1]);
    }
    return d;
  }

  /**
   * Sentences generated from the numbers: per target and mode, full and scratch, then per ratio
   * each method's verdict against full and how its mean compares with the other methods'.
   */
  static String findings(List<RunResult> results) {
    StringBuilder f = new StringBuilder();
    List<Paired> verdicts = Paired.of(results, DELTA);
    List<String> targets = results.stream().map(RunResult::target).distinct().collect(Collectors.toList());
    for (String target : targets) {
      for (String mode : List.of("LP", "FF")) {
        Stats full = stats(results, target, "full", null, mode);
        if (full == null) {
          continue;
        }
        Stats scratch = stats(results, target, "scratch", null, "FF");
        f.append(String.format("- **%s, %s**: full-source pretraining %s%% (%d seeds)%s.", target, mode,
            full.percent(), full.n(),
            scratch == null ? "" : "; training from scratch (FF) " + scratch.percent() + "%"));
        verdicts.stream().filter(p -> p.target().equals(target) && p.mode().equals(mode)).map(Paired::ratio)
            .distinct().sorted().forEach(ratio -> {
              List<Paired> at = verdicts.stream().filter(p -> p.target().equals(target) && p.mode().equals(mode)
                  && p.ratio() == ratio).sorted(Comparator.comparingDouble((Paired p) -> -p.accuracy().mean()))
                  .collect(Collectors.toList());
              f.append(String.format(" At r = %s:", ratio));
              for (Paired p : at) {
                f.append(String.format(" %s %s%% (%s vs full: %s)", p.method(), p.accuracy().percent(),
                    p.differencePoints(), p.verdict().word())).append(p == at.get(at.size() - 1) ? "." : ";");
              }
              f.append(" Ranked by mean: ").append(at.stream().map(Paired::method).collect(Collectors.joining(" > ")))
                  .append('.');
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
