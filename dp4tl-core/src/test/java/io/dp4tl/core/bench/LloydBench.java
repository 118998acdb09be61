package io.dp4tl.core.bench;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.core.accel.internal.Lloyd;
import io.dp4tl.core.accel.internal.NearestKernel;
import io.dp4tl.core.accel.internal.Workers;
import io.dp4tl.core.io.Npy;
import java.nio.file.Path;

/**
 * Benchmark (not a test): one Lloyd iteration (assignment of every row to its nearest centroid,
 * per-cluster sums, centroid update) from given initial centroids. Prints the best of several
 * runs and the inertia of the assignment.
 *
 * <p>Usage: {@code LloydBench x.npy initial.npy threads runs}
 */
public final class LloydBench {
  private LloydBench() {}

  public static void main(String[] args) {
    FloatMatrix x = Npy.readMatrix(Path.of(args[0]), "features");
    FloatMatrix init = Npy.readMatrix(Path.of(args[1]), "initial centroids");
    int threads = Integer.parseInt(args[2]);
    int runs = Integer.parseInt(args[3]);
    int k = init.rows();
    float[] initial = new float[k * init.cols()];
    init.copyRows(0, k, initial, 0);
    long best = Long.MAX_VALUE;
    double inertia = 0;
    try (Workers workers = new Workers(threads, RunControl.none())) {
      for (int r = 0; r < runs; r++) {
        long t0 = System.nanoTime();
        Lloyd.Pass pass = Lloyd.pass(x, new NearestKernel(initial, k, x.cols()), true, workers);
        float[] next = Lloyd.update(x, pass, initial, k);
        best = Math.min(best, System.nanoTime() - t0);
        inertia = pass.inertia();
        if (next.length != initial.length) {
          throw new IllegalStateException("update changed the centroid count");
        }
      }
    }
    System.out.printf("lloyd.iteration_ms %.1f%n", best / 1e6);
    System.out.printf("lloyd.inertia %.6e%n", inertia);
  }
}
