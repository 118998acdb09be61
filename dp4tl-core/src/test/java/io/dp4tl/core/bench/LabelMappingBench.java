package io.dp4tl.core.bench;

import io.dp4tl.api.Pruner;
import io.dp4tl.api.Ranking;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.core.accel.CpuAccelerator;
import io.dp4tl.core.io.Npy;
import java.nio.file.Path;

/**
 * Benchmark (not a test): Label Mapping from precomputed logits in an {@code .npy} file.
 * Prints the best of several runs of (a) the kernel work NumPy's reference does (argmax histogram
 * and ranking) and (b) the whole public pipeline, which also fingerprints the logits (see
 * {@code lm.fingerprint_algorithm}) and
 * cuts a selection.
 *
 * <p>Usage: {@code LabelMappingBench logits.npy threads runs}
 */
public final class LabelMappingBench {
  private LabelMappingBench() {}

  public static void main(String[] args) {
    FloatMatrix logits = Npy.readMatrix(Path.of(args[0]), "target logits");
    int threads = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    int classes = logits.cols();
    int[] labels = new int[classes * 100];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % classes;
    }
    CpuAccelerator cpu = new CpuAccelerator();
    long bestKernel = Long.MAX_VALUE;
    long bestPipeline = Long.MAX_VALUE;
    int[] ranking = null;
    Selection selection = null;
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      long[] counts = cpu.argmaxHistogram(logits, threads, RunControl.none());
      double[] scores = new double[counts.length];
      for (int c = 0; c < scores.length; c++) {
        scores[c] = counts[c];
      }
      ranking = Ranking.rank(scores);
      bestKernel = Math.min(bestKernel, System.nanoTime() - t0);
      t0 = System.nanoTime();
      selection = Pruner.forTarget(TargetData.ofLogits(logits)).labelMapping().threads(threads).ratio(0.5)
          .prune(SourceData.ofLabels(labels));
      bestPipeline = Math.min(bestPipeline, System.nanoTime() - t0);
    }
    System.out.printf("lm.kernel_ms %.1f%n", bestKernel / 1e6);
    System.out.printf("lm.pipeline_ms %.1f%n", bestPipeline / 1e6);
    System.out.printf("lm.top %d %d %d%n", ranking[0], ranking[1], ranking[2]);
    System.out.printf("lm.selection_top %d%n", selection.ranking()[0]);
    System.out.printf("lm.fingerprint_algorithm %s%n", selection.provenance().fingerprintAlgorithm());
  }
}
