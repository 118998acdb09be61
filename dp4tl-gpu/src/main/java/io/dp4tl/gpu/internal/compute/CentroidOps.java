package io.dp4tl.gpu.internal.compute;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Accelerator.KMeansResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Nearest-centroid mapping and Lloyd's k-means on the GPU (see {@link Assigner} for how a pass
 * runs). The iteration logic (convergence, re-seeding of empty clusters) runs here on the host
 * over k-sized data, exactly as the contract of {@link io.dp4tl.api.spi.Accelerator#lloyd} says.
 */
public final class CentroidOps {
  private static final String NEAREST = "nearest centroid (cuda)";
  private static final String KMEANS = "k-means (cuda)";

  private CentroidOps() {}

  /** Rows per chunk of a pass over an n x d matrix with k centroids (one GEMM per chunk). */
  public static int chunkRows(int n, int d, int k) {
    return Assigner.chunkRows(n, d, k);
  }

  /**
   * The nearest centroid of every row (squared Euclidean distance, lowest index on ties).
   *
   * @throws io.dp4tl.api.InvalidInputException if a row holds NaN or infinity
   */
  public static int[] nearest(Gpu gpu, FloatMatrix x, float[] centroids, int k, int threads, RunControl control) {
    control.progress().started(NEAREST, x.rows());
    try (DeviceScope scope = new DeviceScope(gpu);
        Assigner assigner = new Assigner(gpu, scope, x, k, false, false, threads)) {
      assigner.setCentroids(centroids);
      assigner.pass(false, control, NEAREST);
      int[] assignment = assigner.assignment();
      control.progress().advanced(NEAREST, x.rows(), x.rows());
      return assignment;
    } finally {
      control.progress().finished(NEAREST);
    }
  }

  /**
   * Lloyd iterations from the given centroids: assign, then (up to {@code maxIterations} times)
   * move every centroid to the mean of its rows, re-seed empty clusters, and assign again; stops
   * early when the relative decrease of inertia is at most {@code tolerance}. The result's
   * assignment and inertia belong to its centroids.
   *
   * <p>An empty cluster takes the row farthest from its assigned centroid (ties: lowest row); when
   * several are empty, the lowest-numbered empty cluster takes the farthest row, the next the
   * next farthest, and so on, as on the CPU (k never exceeds the rows: the accelerator refuses it).
   *
   * @throws io.dp4tl.api.InvalidInputException if a row holds NaN or infinity
   */
  public static KMeansResult lloyd(Gpu gpu, FloatMatrix x, float[] initial, int k, int maxIterations,
      double tolerance, int threads, RunControl control) {
    control.progress().started(KMEANS, maxIterations);
    try (DeviceScope scope = new DeviceScope(gpu);
        Assigner assigner = new Assigner(gpu, scope, x, k, true, true, threads)) {
      assigner.setCentroids(initial);
      assigner.uploadRows(control, KMEANS);
      double inertia = assigner.pass(maxIterations > 0, control, KMEANS);
      int iterations = 0;
      while (iterations < maxIterations) {
        control.checkCancelled(KMEANS);
        long[] counts = assigner.updateMeans();
        reseedEmpty(assigner, counts);
        iterations++;
        double next = assigner.pass(iterations < maxIterations, control, KMEANS);
        boolean converged = inertia - next <= tolerance * inertia;
        inertia = next;
        control.progress().advanced(KMEANS, iterations, maxIterations);
        control.progress().report(KMEANS, "iteration " + iterations + ": inertia " + inertia);
        if (converged) {
          break;
        }
      }
      return new KMeansResult(assigner.centroids(), assigner.assignment(), inertia, iterations);
    } finally {
      control.progress().finished(KMEANS);
    }
  }

  private static void reseedEmpty(Assigner assigner, long[] counts) {
    List<Integer> empty = new ArrayList<>();
    for (int j = 0; j < counts.length; j++) {
      if (counts[j] == 0) {
        empty.add(j);
      }
    }
    if (empty.isEmpty()) {
      return;
    }
    int[] rows = farthest(assigner.distances(), empty.size());
    FloatMatrix x = assigner.matrix();
    for (int i = 0; i < empty.size(); i++) {
      float[] row = new float[x.cols()];
      x.copyRows(rows[i], 1, row, 0);
      assigner.setCentroid(empty.get(i), row);
    }
  }

  /**
   * The {@code count} rows with the largest distances, farthest first, the lower row first among
   * equal distances.
   */
  static int[] farthest(double[] distances, int count) {
    Comparator<Integer> nearerFirst =
        Comparator.<Integer>comparingDouble(i -> distances[i]).thenComparing(Comparator.reverseOrder());
    PriorityQueue<Integer> kept = new PriorityQueue<>(count, nearerFirst);
    for (int i = 0; i < distances.length; i++) {
      if (kept.size() < count) {
        kept.add(i);
      } else if (nearerFirst.compare(i, kept.peek()) > 0) {
        kept.poll();
        kept.add(i);
      }
    }
    Integer[] rows = kept.toArray(new Integer[0]);
    Arrays.sort(rows, nearerFirst.reversed());
    int[] result = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      result[i] = rows[i];
    }
    return result;
  }
}
