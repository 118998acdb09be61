package io.dp4tl.core.cluster;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Accelerator;
import io.dp4tl.api.spi.Accelerator.KMeansResult;

/**
 * k-means clustering: {@link KMeansPlusPlus} initialisation followed by the accelerator's Lloyd
 * iterations. Same data, options and seed give the same clusters whatever the thread count.
 */
public final class KMeans {
  private KMeans() {}

  /**
   * Settings of one k-means run.
   *
   * @param clusters K, the number of clusters
   * @param maxIterations most Lloyd iterations
   * @param tolerance stop when one iteration lowers the inertia by at most this fraction
   * @param seed seed of the initialisation
   * @param threads worker threads
   */
  public record Options(int clusters, int maxIterations, double tolerance, long seed, int threads) {

    /** Defaults of Feature Mapping: at most 100 iterations, tolerance 1e-4. */
    public static final int DEFAULT_MAX_ITERATIONS = 100;

    /** Default relative tolerance on the inertia decrease. */
    public static final double DEFAULT_TOLERANCE = 1e-4;

    /**
     * @throws IllegalArgumentException if clusters or threads is below 1, maxIterations is
     *     negative, or tolerance is negative or not finite
     */
    public Options {
      checkArgument(clusters >= 1, "clusters must be >= 1, got %s", clusters);
      checkArgument(maxIterations >= 0, "maxIterations must be >= 0, got %s", maxIterations);
      checkArgument(tolerance >= 0 && Double.isFinite(tolerance), "tolerance must be finite and >= 0, got %s",
          tolerance);
      checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
    }
  }

  /**
   * Clusters the rows of {@code x}.
   *
   * @throws InvalidInputException if x has fewer rows than clusters, or a row holds NaN or infinity
   * @throws io.dp4tl.api.CancelledException if cancelled
   */
  public static KMeansResult fit(FloatMatrix x, Options options, Accelerator accelerator, RunControl control) {
    requireNonNull(x, "x");
    requireNonNull(options, "options");
    requireNonNull(accelerator, "accelerator");
    requireNonNull(control, "control");
    int k = options.clusters();
    if (k > x.rows()) {
      throw new InvalidInputException("k-means with " + k + " clusters needs at least " + k + " samples, but "
          + x + " has " + x.rows() + "; ask for at most " + x.rows() + " clusters");
    }
    float[] initial = KMeansPlusPlus.init(x, k, options.seed(), options.threads(), control);
    return accelerator.lloyd(
        x, initial, k, options.maxIterations(), options.tolerance(), options.threads(), control);
  }
}
