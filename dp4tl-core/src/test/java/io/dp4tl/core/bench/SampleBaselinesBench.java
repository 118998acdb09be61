package io.dp4tl.core.bench;

import com.google.common.hash.Hashing;
import io.dp4tl.api.Device;
import io.dp4tl.api.KeepRule;
import io.dp4tl.api.PruneOptions;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.api.data.TrainingSignals;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Registry;
import io.dp4tl.api.spi.ScoringRequest;
import io.dp4tl.core.io.Npy;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Benchmark (not a test): EL2N and Moderate-DS (global scope) at ImageNet's size from memory-mapped
 * {@code .npy} files: the scorer alone, and the whole run (fingerprints, scoring, ranking, a
 * ratio-0.5 selection written to disk), with the peak heap of each (the sum of the JVM heap pools' peak
 * usage since a reset before the run: an upper bound) against the size of the input arrays.
 *
 * <p>Usage: {@code SampleBaselinesBench DATA_DIR threads runs}; DATA_DIR holds logits_0.npy,
 * logits_1.npy, labels.npy, features.npy (scripts/bench_sample.py gen).
 */
public final class SampleBaselinesBench {
  private SampleBaselinesBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    int[] labels = Npy.readInts(dir.resolve("labels.npy"), "labels");
    List<FloatMatrix> logits = new ArrayList<>();
    for (int r = 0; Files.exists(dir.resolve("logits_" + r + ".npy")); r++) {
      logits.add(Npy.readMatrix(dir.resolve("logits_" + r + ".npy"), "logits"));
    }
    FloatMatrix features = Npy.readMatrix(dir.resolve("features.npy"), "features");
    SourceData el2n = SourceData.builder().labels(labels).signals(TrainingSignals.ofLogits(logits)).build();
    SourceData moderate = SourceData.builder().labels(labels).features(features).build();
    long logitBytes = logits.stream().mapToLong(m -> (long) m.rows() * m.cols() * 4).sum() + labels.length * 8L;
    long featureBytes = (long) features.rows() * features.cols() * 4 + labels.length * 8L;
    run("el2n", el2n, logitBytes, threads, runs);
    run("moderate", moderate, featureBytes, threads, runs);
  }

  private static void run(String method, SourceData source, long inputBytes, int threads, int runs)
      throws Exception {
    long bestScorer = Long.MAX_VALUE;
    long bestAll = Long.MAX_VALUE;
    long peakScorer = 0;
    long peakAll = 0;
    Selection s = null;
    Path out = Files.createTempDirectory("bench-sample-");
    for (int i = 0; i < runs; i++) {
      resetPeaks();
      long t0 = System.nanoTime();
      Registry.scorers().find(method).score(new ScoringRequest(TargetData.none(), source, null,
          new PruneOptions(method, 0, threads, null, false, 64, Device.cpu(), Map.of()), RunControl.none()));
      bestScorer = Math.min(bestScorer, System.nanoTime() - t0);
      peakScorer = Math.max(peakScorer, peakHeap());
      resetPeaks();
      t0 = System.nanoTime();
      s = Pruner.withoutTarget().scorer(method).threads(threads).score(source).select(KeepRule.ratio(0.5));
      s.write(out);
      bestAll = Math.min(bestAll, System.nanoTime() - t0);
      peakAll = Math.max(peakAll, peakHeap());
    }
    String joined = Arrays.stream(s.keptSamples()).mapToObj(Integer::toString).collect(Collectors.joining(","));
    System.out.printf("%s.scorer_ms %d%n", method, bestScorer / 1_000_000);
    System.out.printf("%s.all_ms %d%n", method, bestAll / 1_000_000);
    System.out.printf("%s.input_mb %.0f%n", method, inputBytes / 1048576.0);
    System.out.printf("%s.peak_heap_scorer_mb %.0f%n", method, peakScorer / 1048576.0);
    System.out.printf("%s.peak_heap_all_mb %.0f%n", method, peakAll / 1048576.0);
    System.out.printf("%s.manifest_bytes %d%n", method, Files.size(out.resolve("selection.json")));
    System.out.printf("%s.kept %d %s%n", method, s.keptSampleCount(),
        Hashing.sha256().hashString(joined, StandardCharsets.UTF_8).toString().substring(0, 16));
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** Sum of the heap pools' peak usage since the last reset. */
  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
  }
}
