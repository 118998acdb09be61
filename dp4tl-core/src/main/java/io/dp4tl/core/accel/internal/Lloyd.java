package io.dp4tl.core.accel.internal;

import static com.google.common.base.Preconditions.checkArgument;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Accelerator.KMeansResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Lloyd's k-means iterations on the CPU, streaming the rows in fixed blocks.
 *
 * <p>One iteration is an assignment {@link #pass} (nearest centroid of every row, its exact
 * distance, per-cluster sums in double) followed by an {@link #update} of the centroids to the
 * cluster means. Blocks are assigned in parallel; each cluster's sum then adds its rows in row order
 * and the inertia adds the blocks' sums in block order (both on the combining thread), so results do
 * not depend on the thread count. The loop stops after {@code maxIterations} updates, or as soon as an assignment pass
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
    Buffers buffers = new Buffers(x.rows(), k, x.cols());
    control.progress().started(TASK, maxIterations);
    try {
      double previous = Double.NaN;
      for (int t = 0; ; t++) {
        control.checkCancelled(TASK);
        Pass pass = pass(x, NearestSearch.of(centroids, k, x.cols()), t < maxIterations, workers, buffers);
        control.progress().report(TASK, "pass " + (t + 1) + ": inertia " + pass.inertia());
        boolean converged = t > 0 && previous - pass.inertia() <= tolerance * previous;
        if (converged || t == maxIterations) {
          return new KMeansResult(centroids, pass.assignment(), pass.inertia(), t);
        }
        centroids = update(x, pass, k);
        previous = pass.inertia();
        control.progress().advanced(TASK, t + 1, maxIterations);
      }
    } finally {
      control.progress().finished(TASK);
    }
  }

  /**
   * What one assignment pass found, in the {@link Buffers} it was given (valid until their next pass).
   *
   * @param assignment nearest centroid of every row
   * @param distances exact squared distance of every row to its centroid
   * @param inertia sum of the distances, in block order
   * @param sums per-cluster sums of the rows, {@code k * d} (null if not accumulated)
   * @param counts rows per cluster (null if not accumulated)
   */
  public record Pass(int[] assignment, double[] distances, double inertia, double[] sums, long[] counts) {}

  /**
   * The memory of a run's passes, allocated once and reused by each: the assignment, distances,
   * sums and per-thread workspaces. Used from one thread at a time.
   */
  public static final class Buffers {
    private final int k;
    private final int d;
    private final int[] assignment;
    private final double[] distances;
    private final double[] sums;
    private final long[] counts;
    private final Deque<Workspace> spare = new ArrayDeque<>();

    /** For {@code n} rows of width {@code d} and {@code k} clusters. */
    public Buffers(int n, int k, int d) {
      this.k = k;
      this.d = d;
      this.assignment = new int[n];
      this.distances = new double[n];
      this.sums = new double[k * d];
      this.counts = new long[k];
    }
  }

  /**
   * Assigns every row of {@code x} to the nearest of the kernel's centroids; with
   * {@code accumulate} also sums the rows per cluster.
   *
   * @param buffers for x's rows and the kernel's k, reused by every pass of a run
   * @throws IllegalArgumentException if the buffers are of another shape
   * @throws io.dp4tl.api.InvalidInputException if a row holds NaN or infinity (names the row)
   */
  public static Pass pass(FloatMatrix x, NearestSearch kernel, boolean accumulate, Workers workers, Buffers buffers) {
    int n = x.rows();
    int d = x.cols();
    checkArgument(buffers.assignment.length == n && buffers.k == kernel.k() && buffers.d == d,
        "buffers for %s rows, k=%s, d=%s do not fit %s rows, k=%s, d=%s", buffers.assignment.length, buffers.k,
        buffers.d, n, kernel.k(), d);
    int[] assignment = buffers.assignment;
    double[] distances = buffers.distances;
    double[] sums = accumulate ? buffers.sums : null;
    long[] counts = accumulate ? buffers.counts : null;
    if (accumulate) {
      Arrays.fill(sums, 0);
      Arrays.fill(counts, 0);
    }
    double[] inertia = {0};
    List<Workspace> lent = new ArrayList<>();
    try {
      workers.forEachBlock(n, BLOCK_ROWS, () -> {
            Workspace w = buffers.spare.isEmpty() ? new Workspace(kernel, d) : buffers.spare.pop();
            lent.add(w);
            return w;
          },
          (block, first, count, w) -> w.compute(x, kernel, first, count, assignment, distances),
          (block, first, count, w) -> {
            inertia[0] += w.inertia;
            if (accumulate) {
              ClusterSums.addRows(w.rows, w.local, count, d, sums, counts);
            }
          },
          TASK);
    } finally {
      buffers.spare.addAll(lent);
    }
    return new Pass(assignment, distances, inertia[0], sums, counts);
  }

  /**
   * Writes the mean of every non-empty cluster (double sums rounded once to float) into {@code next}
   * ({@code k * d}, row-major) and returns the empty clusters, ascending, for the caller to re-seed.
   */
  public static List<Integer> means(double[] sums, long[] counts, int k, int d, float[] next) {
    List<Integer> empty = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      long count = counts[c];
      if (count == 0) {
        empty.add(c);
        continue;
      }
      for (int j = 0; j < d; j++) {
        next[c * d + j] = (float) (sums[c * d + j] / count);
      }
    }
    return empty;
  }

  /**
   * New centroids: the mean of each cluster's rows (double sums, rounded once to float); empty
   * clusters re-seeded as described in the class comment.
   */
  public static float[] update(FloatMatrix x, Pass pass, int k) {
    int d = x.cols();
    float[] next = new float[k * d];
    List<Integer> empty = means(pass.sums(), pass.counts(), k, d, next);
    if (!empty.isEmpty()) {
      int[] far = farthest(pass.distances(), empty.size());
      for (int e = 0; e < empty.size(); e++) {
        x.copyRows(far[e], 1, next, empty.get(e) * d);
      }
    }
    return next;
  }

  /**
   * The {@code m} rows with the largest distance, largest first, lower row first on ties: one pass
   * keeping the best m in a heap whose root is the worst of them, then the heap emptied worst first.
   */
  static int[] farthest(double[] distances, int m) {
    int size = Math.min(m, distances.length);
    int[] heap = new int[size];
    for (int row = 0; row < distances.length; row++) {
      if (row < size) {
        heap[row] = row;
        siftUp(heap, row, distances);
      } else if (distances[row] > distances[heap[0]]) {
        heap[0] = row; // a later row never wins a tie, so only a strictly larger distance enters
        siftDown(heap, size, distances);
      }
    }
    int[] out = new int[size];
    for (int n = size; n > 0; n--) {
      out[n - 1] = heap[0];
      heap[0] = heap[n - 1];
      siftDown(heap, n - 1, distances);
    }
    return out;
  }

  /** Whether row a ranks below row b: a smaller distance, or equal and a later row. */
  private static boolean worse(int a, int b, double[] distances) {
    return distances[a] < distances[b] || (distances[a] == distances[b] && a > b);
  }

  private static void siftUp(int[] heap, int at, double[] distances) {
    while (at > 0 && worse(heap[at], heap[(at - 1) / 2], distances)) {
      int parent = (at - 1) / 2;
      int t = heap[at];
      heap[at] = heap[parent];
      heap[parent] = t;
      at = parent;
    }
  }

  private static void siftDown(int[] heap, int size, double[] distances) {
    int at = 0;
    while (true) {
      int low = at;
      for (int child = 2 * at + 1; child <= 2 * at + 2 && child < size; child++) {
        if (worse(heap[child], heap[low], distances)) {
          low = child;
        }
      }
      if (low == at) {
        return;
      }
      int t = heap[at];
      heap[at] = heap[low];
      heap[low] = t;
      at = low;
    }
  }

  /** Per-block working memory; its scratch serves any kernel of the same class and shape. */
  private static final class Workspace {
    final int d;
    final float[] rows;
    final double[] norms;
    final NearestSearch.Scratch scratch;
    final int[] local;
    double inertia;

    Workspace(NearestSearch kernel, int d) {
      this.d = d;
      rows = new float[BLOCK_ROWS * d];
      norms = new double[BLOCK_ROWS];
      scratch = kernel.scratch();
      local = new int[BLOCK_ROWS];
    }

    void compute(FloatMatrix x, NearestSearch kernel, int first, int count, int[] assignment, double[] distances) {
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
      }
    }
  }
}
