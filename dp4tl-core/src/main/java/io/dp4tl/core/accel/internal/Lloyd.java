package io.dp4tl.core.accel.internal;

import static com.google.common.base.Preconditions.checkArgument;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Accelerator.KMeansResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Lloyd's k-means iterations on the CPU, streaming the rows in fixed blocks.
 *
 * <p>One iteration is an assignment {@link #pass} (nearest centroid of every row, its exact
 * distance, per-cluster sums in double) followed by an {@link #update} of the centroids to the
 * cluster means. Sums are combined block by block in block order, so results do not depend on the
 * thread count. The loop stops after {@code maxIterations} updates, or as soon as an assignment pass
 * lowers the inertia by at most {@code tolerance} relative to the previous pass; it returns the
 * centroids of that last pass together with the assignment and inertia measured against them, so
 * the three always agree.
 *
 * <p>An empty cluster (no row assigned) is re-seeded with the row farthest from its own centroid
 * (the largest exact distance; lowest row on ties); several empty clusters, in ascending index
 * order, take the farthest rows in that order. The donor rows' clusters keep their means until the
 * next pass reassigns.
 */
public final class Lloyd {
  /** Rows per block: the unit of work and of the deterministic reduction. */
  public static final int BLOCK_ROWS = 512;
  private static final String TASK = "k-means";

  private Lloyd() {}

  /**
   * Runs Lloyd iterations from {@code initial}.
   *
   * @throws io.dp4tl.api.InvalidInputException if a row holds NaN or infinity
   * @throws io.dp4tl.api.CancelledException if cancelled
   */
  public static KMeansResult run(FloatMatrix x, float[] initial, int k, int maxIterations, double tolerance,
      Workers workers, RunControl control) {
    checkArgument(maxIterations >= 0, "maxIterations must be >= 0, got %s", maxIterations);
    checkArgument(tolerance >= 0 && Double.isFinite(tolerance), "tolerance must be finite and >= 0, got %s",
        tolerance);
    float[] centroids = initial.clone();
    control.progress().started(TASK, maxIterations);
    try {
      double previous = Double.NaN;
      for (int t = 0; ; t++) {
        control.checkCancelled(TASK);
        Pass pass = pass(x, NearestSearch.of(centroids, k, x.cols()), t < maxIterations, workers);
        control.progress().report(TASK, "pass " + (t + 1) + ": inertia " + pass.inertia());
        boolean converged = t > 0 && previous - pass.inertia() <= tolerance * previous;
        if (converged || t == maxIterations) {
          return new KMeansResult(centroids, pass.assignment(), pass.inertia(), t);
        }
        centroids = update(x, pass, centroids, k);
        previous = pass.inertia();
        control.progress().advanced(TASK, t + 1, maxIterations);
      }
    } finally {
      control.progress().finished(TASK);
    }
  }

  /**
   * What one assignment pass found.
   *
   * @param assignment nearest centroid of every row
   * @param distances exact squared distance of every row to its centroid
   * @param inertia sum of the distances, in block order
   * @param sums per-cluster sums of the rows, {@code k * d} (null if not accumulated)
   * @param counts rows per cluster (null if not accumulated)
   */
  public record Pass(int[] assignment, double[] distances, double inertia, double[] sums, long[] counts) {}

  /**
   * Assigns every row of {@code x} to the nearest of the kernel's centroids; with
   * {@code accumulate} also sums the rows per cluster.
   *
   * @throws io.dp4tl.api.InvalidInputException if a row holds NaN or infinity (names the row)
   */
  public static Pass pass(FloatMatrix x, NearestSearch kernel, boolean accumulate, Workers workers) {
    int n = x.rows();
    int d = x.cols();
    int k = kernel.k();
    int[] assignment = new int[n];
    double[] distances = new double[n];
    double[] sums = accumulate ? new double[k * d] : null;
    long[] counts = accumulate ? new long[k] : null;
    double[] inertia = {0};
    workers.forEachBlock(n, BLOCK_ROWS, () -> new Workspace(kernel, d, accumulate),
        (block, first, count, w) -> w.compute(x, kernel, first, count, assignment, distances),
        (block, first, count, w) -> {
          inertia[0] += w.inertia;
          if (accumulate) {
            w.sums.addTo(sums, counts);
          }
        },
        TASK);
    return new Pass(assignment, distances, inertia[0], sums, counts);
  }

  /**
   * New centroids: the mean of each cluster's rows (double sums, rounded once to float); empty
   * clusters re-seeded as described in the class comment.
   */
  public static float[] update(FloatMatrix x, Pass pass, float[] previous, int k) {
    int d = x.cols();
    float[] next = new float[k * d];
    List<Integer> empty = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      long count = pass.counts()[c];
      if (count == 0) {
        empty.add(c);
        continue;
      }
      for (int j = 0; j < d; j++) {
        next[c * d + j] = (float) (pass.sums()[c * d + j] / count);
      }
    }
    if (!empty.isEmpty()) {
      int[] far = farthest(pass.distances(), empty.size());
      for (int e = 0; e < empty.size(); e++) {
        x.copyRows(far[e], 1, next, empty.get(e) * d);
      }
    }
    return next;
  }

  /** The {@code m} rows with the largest distance, largest first, lower row first on ties. */
  private static int[] farthest(double[] distances, int m) {
    Integer[] rows = new Integer[distances.length];
    Arrays.setAll(rows, i -> i);
    Arrays.sort(rows, Comparator.<Integer>comparingDouble(i -> -distances[i]).thenComparingInt(i -> i));
    int[] out = new int[Math.min(m, rows.length)];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows[i];
    }
    return out;
  }

  /** Per-block working memory. */
  private static final class Workspace {
    final float[] rows;
    final double[] norms;
    final NearestSearch.Scratch scratch;
    final int[] local;
    final ClusterSums sums;
    double inertia;

    Workspace(NearestSearch kernel, int d, boolean accumulate) {
      rows = new float[BLOCK_ROWS * d];
      norms = new double[BLOCK_ROWS];
      scratch = kernel.scratch();
      local = new int[BLOCK_ROWS];
      sums = accumulate ? new ClusterSums(kernel.k(), BLOCK_ROWS, d) : null;
    }

    void compute(FloatMatrix x, NearestSearch kernel, int first, int count, int[] assignment, double[] distances) {
      int d = x.cols();
      if (sums != null) {
        sums.clear();
      }
      inertia = 0;
      x.copyRows(first, count, rows, 0);
      int bad = RowChecks.squaredNorms(rows, count, d, norms);
      if (bad >= 0) {
        throw RowChecks.nonFinite(x, first + bad, rows, bad * d);
      }
      kernel.assign(rows, count, norms, local, 0, scratch);
      for (int r = 0; r < count; r++) {
        int c = local[r];
        assignment[first + r] = c;
        double dist = kernel.exactDistance(rows, r * d, c);
        distances[first + r] = dist;
        inertia += dist;
        if (sums != null) {
          sums.add(c, rows, r * d);
        }
      }
    }
  }
}
