package io.dp4tl.examples.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Renders the demo's results as Markdown tables: method × ratio for each target and finetuning
 * mode (mean ± spread over seeds), and pretraining time relative to full-source pretraining.
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  /** The whole report body (tables only; the caller adds the narrative). */
  public static String tables(List<RunResult> runs) {
    StringBuilder md = new StringBuilder();
    for (String target : distinct(runs, RunResult::target)) {
      for (String mode : distinct(runs, RunResult::mode)) {
        List<RunResult> cell = runs.stream()
            .filter(r -> r.target().equals(target) && r.mode().equals(mode))
            .collect(Collectors.toList());
        if (cell.isEmpty()) {
          continue;
        }
        md.append("### ").append(target).append(", ").append(mode).append(" (last epoch)\n\n");
        md.append(accuracyTable(cell, RunResult::lastAccuracy)).append('\n');
        md.append("### ").append(target).append(", ").append(mode).append(" (best over epochs)\n\n");
        md.append(accuracyTable(cell, RunResult::bestAccuracy)).append('\n');
      }
    }
    md.append("### Pretraining time relative to full-source pretraining\n\n");
    md.append(timeTable(runs)).append('\n');
    return md.toString();
  }

  /** Rows: methods; columns: ratios (full and scratch in their own column). Cells: top-1 %. */
  static String accuracyTable(List<RunResult> runs, ToDoubleFunction<RunResult> metric) {
    TreeSet<Double> ratios = runs.stream().map(RunResult::ratio).filter(Objects::nonNull)
        .collect(Collectors.toCollection(TreeSet::new));
    StringBuilder t = new StringBuilder("| method | r = 0 |");
    ratios.forEach(r -> t.append(" r = ").append(r).append(" |"));
    t.append("\n|---|---|").append("---|".repeat(ratios.size())).append('\n');
    for (String method : distinct(runs, RunResult::method)) {
      t.append("| ").append(method).append(" |");
      t.append(' ').append(cell(runs, method, null, metric)).append(" |");
      for (Double r : ratios) {
        t.append(' ').append(cell(runs, method, r, metric)).append(" |");
      }
      t.append('\n');
    }
    return t.toString();
  }

  private static String cell(List<RunResult> runs, String method, Double ratio, ToDoubleFunction<RunResult> metric) {
    List<Double> values = runs.stream()
        .filter(r -> r.method().equals(method) && Objects.equals(r.ratio(), ratio))
        .map(r -> metric.applyAsDouble(r))
        .collect(Collectors.toList());
    return values.isEmpty() ? "" : Stats.of(values).percent();
  }

  /** Pretraining wall time of each method and ratio over full-source time, next to the ideal 1 - r. */
  static String timeTable(List<RunResult> runs) {
    List<RunResult> pre = runs.stream().filter(r -> r.mode().equals("LP") && r.pretrainMillis() > 0)
        .collect(Collectors.toList());
    Map<Long, Long> fullBySeed = new TreeMap<>();
    pre.stream().filter(r -> r.method().equals("full")).forEach(r -> fullBySeed.put(r.seed(), r.pretrainMillis()));
    StringBuilder t = new StringBuilder(
        "| method | ratio | kept samples | time / full | ideal (1 - r) | speed-up | ideal speed-up 1/(1 - r) |\n"
            + "|---|---|---|---|---|---|---|\n");
    Map<String, List<RunResult>> byCell = new TreeMap<>();
    for (RunResult r : pre) {
      if (r.ratio() != null && fullBySeed.containsKey(r.seed())) {
        byCell.computeIfAbsent(r.method() + "\u0000" + r.ratio(), k -> new ArrayList<>()).add(r);
      }
    }
    for (List<RunResult> cell : byCell.values()) {
      RunResult first = cell.get(0);
      Stats rel = Stats.of(cell.stream()
          .map(r -> (double) r.pretrainMillis() / fullBySeed.get(r.seed()))
          .collect(Collectors.toList()));
      double ideal = 1 - first.ratio();
      t.append(String.format("| %s | %s | %d | %.3f | %.3f | %.2fx | %.2fx |%n",
          first.method(), first.ratio(), first.keptSamples(), rel.mean(), ideal, 1 / rel.mean(), 1 / ideal));
    }
    return t.toString();
  }

  private static List<String> distinct(List<RunResult> runs, java.util.function.Function<RunResult, String> key) {
    return runs.stream().map(key).distinct().collect(Collectors.toList());
  }
}
