package io.dp4tl.api.spi;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;

/**
 * The numeric kernels of selection at scale, behind one interface so that a GPU implementation
 * (dp4tl-gpu) can stand in for the CPU one (dp4tl-core): identical argmax histograms and nearest
 * centroids; Lloyd's k-means equal up to float rounding (sums may run in another order). Found by
 * {@link java.util.ServiceLoader} or registered with {@link Registry#accelerators()}; chosen by
 * {@link io.dp4tl.api.Device}.
 */
public interface Accelerator {

  /** Unique name: {@code "cpu"}, {@code "cuda"}. */
  String name();

  /** Whether this accelerator can run here (a GPU one answers false when no device is found). */
  boolean available();

  /**
   * Label Mapping's vote histogram: {@code counts[argmax_c logits[i][c]]++} for every row, the
   * lowest column winning a tie.
   *
   * @throws io.dp4tl.api.InvalidInputException if a row holds NaN or infinity (names the row)
   */
  long[] argmaxHistogram(FloatMatrix logits, int threads, RunControl control);

  /**
   * Nearest centroid (squared Euclidean distance, the lowest index winning a tie) of every row.
   *
   * @param centroids {@code k * x.cols()} floats, row-major
   * @throws io.dp4tl.api.InvalidInputException if a row holds NaN or infinity (names the row)
   */
  int[] nearest(FloatMatrix x, float[] centroids, int k, int threads, RunControl control);

  /**
   * Lloyd iterations from the given initial centroids until the relative decrease of inertia is
   * at most {@code tolerance} or {@code maxIterations} is reached. An empty cluster is re-seeded
   * with the point farthest from its centroid (ties: lowest row), deterministically.
   *
   * @param initial {@code k * x.cols()} floats, row-major (e.g. from k-means++)
   * @throws io.dp4tl.api.InvalidInputException if k exceeds the rows, or a row holds NaN or infinity
   */
  KMeansResult lloyd(
      FloatMatrix x, float[] initial, int k, int maxIterations, double tolerance, int threads, RunControl control);

  /**
   * Result of {@link #lloyd}.
   *
   * @param centroids {@code k * d} floats, row-major
   * @param assignment cluster of every row
   * @param inertia sum of squared distances to the assigned centroids
   * @param iterations Lloyd iterations run
   */
  record KMeansResult(float[] centroids, int[] assignment, double inertia, int iterations) {}
}
