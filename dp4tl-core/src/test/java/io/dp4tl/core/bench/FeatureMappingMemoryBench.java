package io.dp4tl.core.bench;

import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.core.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark (not a test): peak resident memory of Feature Mapping with k-means on memory-mapped
 * source features, relative to the size of the feature matrix. A small warm-up run first loads
 * and compiles the code; then the peak is reset ({@code /proc/self/clear_refs}), the baseline is
 * VmRSS and the peak VmHWM after the real run, both from /proc/self/status. The memory-mapped
 * target features count towards the peak too.
 *
 * <p>Usage: {@code FeatureMappingMemoryBench source.npy target.npy clusters maxIterations threads [tolerance]}
 * (tolerance: k-means' relative inertia decrease that stops it early; 0 runs every iteration)
 */
public final class FeatureMappingMemoryBench {
  private FeatureMappingMemoryBench() {}

  public static void main(String[] args) throws IOException {
    FloatMatrix warmSource = gaussian(20_000, 16);
    Pruner.forTarget(TargetData.ofFeatures(gaussian(500, 16))).featureMapping().clusters(50).seed(1)
        .threads(Integer.parseInt(args[4])).ratio(0.5).prune(SourceData.builder().features(warmSource).build());
    System.gc();
    Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    long baseline = status("VmRSS");
    long anon0 = status("RssAnon");
    java.lang.management.ManagementFactory.getMemoryPoolMXBeans().forEach(p -> p.resetPeakUsage());
    long file0 = status("RssFile");
    FloatMatrix source = Npy.readMatrix(Path.of(args[0]), "source features");
    FloatMatrix target = Npy.readMatrix(Path.of(args[1]), "target features");
    int clusters = Integer.parseInt(args[2]);
    long t0 = System.nanoTime();
    Selection s = Pruner.forTarget(TargetData.ofFeatures(target)).featureMapping().clusters(clusters).seed(1)
        .threads(Integer.parseInt(args[4])).option("kmeans.maxIterations", args[3])
        .option("kmeans.tolerance", args.length > 5 ? args[5] : "1e-4").ratio(0.5)
        .prune(SourceData.builder().features(source).build());
    long elapsed = System.nanoTime() - t0;
    long peak = status("VmHWM");
    StringBuilder pools = new StringBuilder();
    java.lang.management.ManagementFactory.getMemoryPoolMXBeans().forEach(p -> pools.append(", ")
        .append(p.getName().replace(' ', '_')).append(String.format(" %.1f", p.getPeakUsage().getUsed() / 1048576.0)));
    System.out.printf("fm.growth_mb anon +%.1f, file +%.1f; peak pool use (MB)%s%n",
        (status("RssAnon") - anon0) / 1048576.0, (status("RssFile") - file0) / 1048576.0, pools);
    long matrix = (long) source.rows() * source.cols() * 4;
    System.out.printf("fm.baseline_rss_mb %.1f%n", baseline / 1048576.0);
    System.out.printf("fm.peak_rss_mb %.1f%n", peak / 1048576.0);
    System.out.printf("fm.matrix_mb %.1f%n", matrix / 1048576.0);
    System.out.printf("fm.peak_over_matrix %.2f%n", (double) (peak - baseline) / matrix);
    System.out.printf("fm.seconds %.1f (k-means iterations %s, kept %d of %d samples)%n", elapsed / 1e9,
        s.details().get("kmeans.iterations"), s.keptSampleCount(), s.sourceSampleCount());
  }

  private static FloatMatrix gaussian(int n, int d) {
    java.util.Random random = new java.util.Random(n);
    float[] v = new float[n * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return FloatMatrix.of(v, n, d);
  }

  /** A /proc/self/status value in bytes. */
  private static long status(String key) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(key + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException(key + " not found in /proc/self/status");
  }
}
