package io.dp4tl.core.bench;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.core.accel.internal.Lloyd;
import io.dp4tl.core.accel.internal.NativeBlas;
import io.dp4tl.core.accel.internal.NearestSearch;
import io.dp4tl.core.accel.internal.Sgemm;
import io.dp4tl.core.accel.internal.Workers;
import io.dp4tl.core.io.Npy;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Benchmark (not a test): one Lloyd iteration (assignment of every row to its nearest centroid,
 * per-cluster sums, centroid update) from given initial centroids, then, where BLAS is loaded, a
 * plain {@code sgemm} of the assignment's shape (every row against every centroid, in the same
 * blocks, nothing else) as the roofline a GEMM-based k-means can approach. Prints the best wall
 * time of several runs, the process CPU time of that run, GFLOP/s counted as {@code 2 n k d} per
 * pass, and the inertia of the assignment.
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
    int d = x.cols();
    float[] initial = new float[k * d];
    init.copyRows(0, k, initial, 0);
    double flops = 2.0 * x.rows() * k * d;
    double[] inertia = {0};
    Lloyd.Buffers buffers = new Lloyd.Buffers(x.rows(), k, d);
    try (Workers workers = new Workers(threads, RunControl.none())) {
      Timing lloyd = Timing.best(runs, () -> {
        Lloyd.Pass pass = Lloyd.pass(x, NearestSearch.of(initial, k, d), true, workers, buffers);
        float[] next = Lloyd.update(x, pass, k);
        inertia[0] = pass.inertia();
        if (next.length != initial.length) {
          throw new IllegalStateException("update changed the centroid count");
        }
      });
      lloyd.print("lloyd.iteration", flops);
      System.out.printf("lloyd.inertia %.6e%n", inertia[0]);
      Optional<Sgemm> blas = NativeBlas.sgemm();
      if (blas.isPresent()) {
        float[] all = new float[x.rows() * d];
        x.copyRows(0, x.rows(), all, 0);
        Timing gemm = Timing.best(runs, () -> workers.forEachBlock(x.rows(), Lloyd.BLOCK_ROWS,
            () -> new float[Lloyd.BLOCK_ROWS * k],
            (block, first, count, out) ->
                blas.get().multiplyTransposed(count, k, d, -2f, all, first * d, initial, 0, out),
            (block, first, count, out) -> { },
            "sgemm"));
        gemm.print("lloyd.sgemm", flops);
      }
    }
  }

  /** Wall and process CPU time of the fastest run. */
  private record Timing(long wallNanos, long cpuNanos) {
    static Timing best(int runs, Runnable run) {
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      Timing best = null;
      for (int r = 0; r < runs; r++) {
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        run.run();
        Timing t = new Timing(System.nanoTime() - t0, os.getProcessCpuTime() - cpu0);
        if (best == null || t.wallNanos < best.wallNanos) {
          best = t;
        }
      }
      return best;
    }

    void print(String name, double flops) {
      System.out.printf("%s_ms %.1f%n", name, wallNanos / 1e6);
      System.out.printf("%s_cpu_ms %.1f%n", name, cpuNanos / 1e6);
      System.out.printf("%s_gflops %.1f%n", name, flops / wallNanos);
      System.out.printf("%s_gflops_per_cpu_second %.1f%n", name, flops / cpuNanos);
    }
  }
}
