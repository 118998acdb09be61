package io.dp4tl.examples.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The demo's PNG plots, drawn with XChart. */
public final class Charts {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 500;

  private Charts() {}

  /**
   * Accuracy (last epoch, mean over seeds, error bars = 95% t-interval of the mean) against pruning ratio, one line per
   * method; full-source pretraining is the method's point at r = 0, scratch a flat reference line.
   *
   * @throws IOException if the file cannot be written
   */
  public static void accuracyVsRatio(List<RunResult> runs, String target, String mode, Path png) throws IOException {
    List<RunResult> cell = runs.stream().filter(r -> r.target().equals(target) && r.mode().equals(mode))
        .collect(Collectors.toList());
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Target " + target + ", " + mode + ": test accuracy vs pruning ratio")
        .xAxisTitle("pruning ratio r (fraction of source classes removed)").yAxisTitle("top-1 accuracy (%)")
        .build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    Stats full = statsOf(cell, "full", null);
    Stats scratch = statsOf(cell, "scratch", null);
    double maxRatio = cell.stream().map(RunResult::ratio).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
        .max().orElse(0.9);
    for (String method : cell.stream().map(RunResult::method).distinct().collect(Collectors.toList())) {
      if (method.equals("full") || method.equals("scratch")) {
        continue;
      }
      Map<Double, Stats> byRatio = new TreeMap<>();
      if (full != null) {
        byRatio.put(0.0, full);
      }
      cell.stream().filter(r -> r.method().equals(method) && r.ratio() != null).map(RunResult::ratio).distinct()
          .forEach(r -> byRatio.put(r, statsOf(cell, method, r)));
      addSeries(chart, method, byRatio);
    }
    if (scratch != null) {
      XYSeries s = chart.addSeries("scratch (no pretraining)", new double[] {0, maxRatio},
          new double[] {100 * scratch.mean(), 100 * scratch.mean()});
      s.setMarker(SeriesMarkers.NONE);
    }
    save(chart, png);
  }

  /**
   * Pretraining speed-up over full-source pretraining against pruning ratio, with the ideal
   * 1/(1 - r).
   *
   * @throws IOException if the file cannot be written
   */
  public static void timeVsRatio(List<RunResult> runs, Path png) throws IOException {
    List<RunResult> pre = runs.stream().filter(r -> r.mode().equals("LP") && r.pretrainMillis() > 0)
        .collect(Collectors.toList());
    Map<Long, Long> fullBySeed = new TreeMap<>();
    pre.stream().filter(r -> r.method().equals("full")).forEach(r -> fullBySeed.put(r.seed(), r.pretrainMillis()));
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Pretraining speed-up vs pruning ratio").xAxisTitle("pruning ratio r")
        .yAxisTitle("full-source time / pruned time").build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    TreeMap<Double, List<Double>> all = new TreeMap<>();
    for (RunResult r : pre) {
      if (r.ratio() != null && fullBySeed.containsKey(r.seed())) {
        all.computeIfAbsent(r.ratio(), k -> new ArrayList<>())
            .add((double) fullBySeed.get(r.seed()) / r.pretrainMillis());
      }
    }
    if (all.isEmpty()) {
      return;
    }
    Map<Double, Stats> measured = new TreeMap<>();
    all.forEach((ratio, v) -> measured.put(ratio, Stats.of(v)));
    addSeries(chart, "measured (all methods)", measured);
    double[] xs = all.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    double[] ideal = all.keySet().stream().mapToDouble(r -> 1 / (1 - r)).toArray();
    chart.addSeries("ideal 1/(1 - r)", xs, ideal).setMarker(SeriesMarkers.NONE);
    save(chart, png);
  }

  /**
   * Share of the target's mapped mass against the number of top-ranked classes kept, one line per
   * target and method, with the 95% share marked: the automatic ratio's curve.
   *
   * @throws IOException if the file cannot be written
   */
  public static void massCurves(Map<String, double[]> curves, int maxClasses, Path png) throws IOException {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Mapped mass carried by the top-ranked source classes").xAxisTitle("source classes kept")
        .yAxisTitle("share of the target's mapped mass").build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    int n = 0;
    for (Map.Entry<String, double[]> curve : curves.entrySet()) {
      n = Math.min(maxClasses, curve.getValue().length);
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = i + 1;
        y[i] = curve.getValue()[i];
      }
      chart.addSeries(curve.getKey(), x, y).setMarker(SeriesMarkers.NONE);
    }
    if (n > 0) {
      chart.addSeries("95% share", new double[] {1, n}, new double[] {0.95, 0.95}).setMarker(SeriesMarkers.NONE);
      save(chart, png);
    }
  }

  private static void addSeries(XYChart chart, String name, Map<Double, Stats> byRatio) {
    double[] x = byRatio.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    double[] y = byRatio.values().stream().mapToDouble(s -> 100 * s.mean()).toArray();
    double[] e = byRatio.values().stream().mapToDouble(s -> 100 * halfWidth(s)).toArray();
    if (name.startsWith("measured")) {
      y = byRatio.values().stream().mapToDouble(Stats::mean).toArray();
      e = byRatio.values().stream().mapToDouble(Stats::std).toArray();
    }
    chart.addSeries(name, x, y, e);
  }

  /** Half-width of the 95% t-interval of a mean (0 for one value). */
  private static double halfWidth(Stats s) {
    return s.n() > 1 ? Paired.t975(s.n() - 1) * s.std() / Math.sqrt(s.n()) : 0;
  }

  private static Stats statsOf(List<RunResult> cell, String method, Double ratio) {
    List<Double> v = cell.stream().filter(r -> r.method().equals(method) && Objects.equals(r.ratio(), ratio))
        .map(RunResult::lastAccuracy).collect(Collectors.toList());
    return v.isEmpty() ? null : Stats.of(v);
  }

  private static void save(XYChart chart, Path png) throws IOException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    String base = png.toString().replaceFirst("\\.png$", "");
    BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
  }
}
