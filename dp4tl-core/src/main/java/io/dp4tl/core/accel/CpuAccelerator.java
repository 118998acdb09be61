package io.dp4tl.core.accel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Accelerator;
import io.dp4tl.core.accel.internal.ArgmaxKernel;
import io.dp4tl.core.accel.internal.Lloyd;
import io.dp4tl.core.accel.internal.NearestSearch;
import io.dp4tl.core.accel.internal.RowChecks;
import io.dp4tl.core.accel.internal.Workers;

/**
 * The CPU implementation of the selection kernels ({@code "cpu"}, always available).
 *
 * <p>Rows are streamed with {@link FloatMatrix#copyRows} in fixed blocks (never the whole matrix)
 * and spread over the given number of threads. Block boundaries depend only on the matrix shape and
 * per-block results are combined in block order, in double, so 1 and N threads give bit-identical
 * results. Cancellation is checked between blocks and iterations.
 *
 * <ul>
 *   <li>{@link #argmaxHistogram}: the lowest column wins a tie.
 *   <li>{@link #nearest}: squared Euclidean distance, the lowest index winning a tie; computed as
 *       {@code ||c||^2 - 2 x.c} in blocked float arithmetic, and near ties decided again with exact
 *       double distances, so the answer is the exact argmin.
 *   <li>{@link #lloyd}: see {@link Lloyd} for the iteration, stopping and empty-cluster rules.
 * </ul>
 */
public final class CpuAccelerator implements Accelerator {
  /** Floats per block of logits streamed by {@link #argmaxHistogram}. */
  private static final int ARGMAX_BLOCK_FLOATS = 1 << 16;

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public boolean available() {
    return true;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if threads is below 1
   */
  @Override
  public long[] argmaxHistogram(FloatMatrix logits, int threads, RunControl control) {
    requireNonNull(logits, "logits");
    requireNonNull(control, "control");
    int cols = logits.cols();
    if (cols == 0) {
      throw new InvalidInputException(logits + " has no columns: logits need one column per source class");
    }
    String task = "argmax histogram";
    long[] total = new long[cols];
    int blockRows = Math.max(1, ARGMAX_BLOCK_FLOATS / cols);
    control.progress().started(task, logits.rows());
    try (Workers workers = new Workers(threads, control)) {
      workers.forEachBlock(logits.rows(), blockRows, () -> new ArgmaxBlock(blockRows, cols),
          (block, first, count, w) -> w.compute(logits, first, count),
          (block, first, count, w) -> {
            for (int c = 0; c < cols; c++) {
              total[c] += w.counts[c];
            }
            control.progress().advanced(task, first + count, logits.rows());
          },
          task);
    } finally {
      control.progress().finished(task);
    }
    return total;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if threads or k is below 1, the centroid array is not
   *     {@code k * x.cols()} floats, or a centroid is not finite
   */
  @Override
  public int[] nearest(FloatMatrix x, float[] centroids, int k, int threads, RunControl control) {
    requireNonNull(x, "x");
    requireNonNull(centroids, "centroids");
    requireNonNull(control, "control");
    int d = x.cols();
    checkArgument(d >= 1, "%s has no columns", x);
    NearestSearch kernel = NearestSearch.of(centroids, k, d);
    String task = "nearest centroid";
    int[] out = new int[x.rows()];
    control.progress().started(task, x.rows());
    try (Workers workers = new Workers(threads, control)) {
      workers.forEachBlock(x.rows(), Lloyd.BLOCK_ROWS, () -> new NearestBlock(kernel, d),
          (block, first, count, w) -> w.compute(x, kernel, first, count, out),
          (block, first, count, w) -> control.progress().advanced(task, first + count, x.rows()),
          task);
    } finally {
      control.progress().finished(task);
    }
    return out;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if threads or k is below 1, maxIterations or tolerance is
   *     negative, or the initial centroids are not {@code k * x.cols()} finite floats
   * @throws InvalidInputException if a row holds NaN or infinity
   * @throws io.dp4tl.api.CancelledException if cancelled
   */
  @Override
  public KMeansResult lloyd(
      FloatMatrix x, float[] initial, int k, int maxIterations, double tolerance, int threads, RunControl control) {
    requireNonNull(x, "x");
    requireNonNull(initial, "initial");
    requireNonNull(control, "control");
    checkArgument(x.cols() >= 1, "%s has no columns", x);
    checkArgument(k >= 1 && initial.length == (long) k * x.cols(),
        "initial centroids: %s floats are not k=%s rows of width %s", initial.length, k, x.cols());
    if (k > x.rows()) {
      throw new InvalidInputException("k-means with k=" + k + " clusters needs at least k rows, but " + x + " has "
          + x.rows() + "; use fewer clusters");
    }
    try (Workers workers = new Workers(threads, control)) {
      return Lloyd.run(x, initial, k, maxIterations, tolerance, workers, control);
    }
  }

  @Override
  public String toString() {
    return "CpuAccelerator";
  }

  /** Working memory of one argmax block. */
  private static final class ArgmaxBlock {
    final float[] rows;
    final long[] counts;

    ArgmaxBlock(int blockRows, int cols) {
      rows = new float[blockRows * cols];
      counts = new long[cols];
    }

    void compute(FloatMatrix logits, int first, int count) {
      java.util.Arrays.fill(counts, 0);
      logits.copyRows(first, count, rows, 0);
      int bad = ArgmaxKernel.countArgmax(rows, count, logits.cols(), counts);
      if (bad >= 0) {
        throw RowChecks.nonFinite(logits, first + bad, rows, bad * logits.cols());
      }
    }
  }

  /** Working memory of one nearest-centroid block. */
  private static final class NearestBlock {
    final float[] rows;
    final double[] norms;
    final NearestSearch.Scratch scratch;

    NearestBlock(NearestSearch kernel, int d) {
      rows = new float[Lloyd.BLOCK_ROWS * d];
      norms = new double[Lloyd.BLOCK_ROWS];
      scratch = kernel.scratch();
    }

    void compute(FloatMatrix x, NearestSearch kernel, int first, int count, int[] out) {
      x.copyRows(first, count, rows, 0);
      int bad = RowChecks.squaredNorms(rows, count, x.cols(), norms);
      if (bad >= 0) {
        throw RowChecks.nonFinite(x, first + bad, rows, bad * x.cols());
      }
      kernel.assign(rows, count, norms, out, first, scratch);
    }
  }
}
