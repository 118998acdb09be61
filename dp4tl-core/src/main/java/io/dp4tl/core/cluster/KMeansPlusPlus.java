package io.dp4tl.core.cluster;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.core.accel.internal.Distances;
import io.dp4tl.core.accel.internal.RowChecks;
import io.dp4tl.core.accel.internal.Workers;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means++ initialisation (Arthur and Vassilvitskii 2007): the first centroid is a uniformly drawn
 * row, each further one a row drawn with probability proportional to its squared distance to the
 * nearest centroid chosen so far. Distances are exact, in double.
 *
 * <p>For large inputs the draws are made from a candidate pool: when {@code n} exceeds
 * {@code max(}{@value #MIN_POOL}{@code , }{@value #POOL_PER_CLUSTER}{@code  * k)} rows, that many
 * rows are first drawn uniformly without replacement and k-means++ runs on them (dp4tl rule). Lloyd
 * iterations then use every row. If every candidate already coincides with a chosen centroid, the
 * next centroid is a uniformly drawn candidate.
 *
 * <p>Every random choice comes from a {@link SplittableRandom} seeded per call; per-row work is
 * spread over threads and sums are combined in a fixed block order, so the result depends on the
 * data and the seed only, never on the thread count.
 */
public final class KMeansPlusPlus {
  /** Candidate rows per cluster when the pool is sampled. */
  public static final int POOL_PER_CLUSTER = 16;
  /** The smallest pool that is ever sampled. */
  public static final int MIN_POOL = 4096;
  private static final int BLOCK_ROWS = 1024;
  private static final String TASK = "k-means++";

  private KMeansPlusPlus() {}

  /**
   * Chooses {@code k} initial centroids among the rows of {@code x}.
   *
   * @return {@code k * x.cols()} floats, row-major
   * @throws IllegalArgumentException if k or threads is below 1
   * @throws InvalidInputException if x has fewer than k rows, or a candidate row holds NaN or
   *     infinity (names the row)
   * @throws io.dp4tl.api.CancelledException if cancelled
   */
  public static float[] init(FloatMatrix x, int k, long seed, int threads, RunControl control) {
    requireNonNull(x, "x");
    requireNonNull(control, "control");
    checkArgument(k >= 1, "k must be >= 1, got %s", k);
    int n = x.rows();
    int d = x.cols();
    if (k > n) {
      throw new InvalidInputException("k-means with " + k + " clusters needs at least " + k + " rows, but " + x
          + " has " + n + "; ask for at most " + n + " clusters");
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] pool = candidates(n, Math.min(n, Math.max(MIN_POOL, POOL_PER_CLUSTER * k)), random);
    int m = pool.length;
    float[] rows = new float[m * d];
    for (int i = 0; i < m; i++) {
      x.copyRows(pool[i], 1, rows, i * d);
    }
    int bad = RowChecks.squaredNorms(rows, m, d, new double[m]);
    if (bad >= 0) {
      throw RowChecks.nonFinite(x, pool[bad], rows, bad * d);
    }
    float[] centroids = new float[k * d];
    double[] nearest = new double[m];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    int blocks = (m + BLOCK_ROWS - 1) / BLOCK_ROWS;
    double[] blockSums = new double[blocks];
    control.progress().started(TASK, k);
    try (Workers workers = new Workers(threads, control)) {
      int chosen = random.nextInt(m);
      for (int c = 0; c < k; c++) {
        control.checkCancelled(TASK);
        System.arraycopy(rows, chosen * d, centroids, c * d, d);
        if (c == k - 1) {
          break;
        }
        int from = chosen * d;
        workers.forEachBlock(m, BLOCK_ROWS, () -> new double[1],
            (block, first, count, sum) -> sum[0] = lower(rows, from, d, nearest, first, count),
            (block, first, count, sum) -> blockSums[block] = sum[0],
            TASK);
        chosen = draw(nearest, blockSums, random);
        control.progress().advanced(TASK, c + 1, k);
      }
    } finally {
      control.progress().finished(TASK);
    }
    return centroids;
  }

  /** Lowers each row's distance to its nearest chosen centroid; returns the block's sum. */
  private static double lower(float[] rows, int centroid, int d, double[] nearest, int first, int count) {
    double sum = 0;
    for (int i = first; i < first + count; i++) {
      double dist = Math.min(nearest[i], Distances.squared(rows, i * d, rows, centroid, d));
      nearest[i] = dist;
      sum += dist;
    }
    return sum;
  }

  /** A row drawn with probability proportional to its distance (uniformly if all are zero). */
  private static int draw(double[] nearest, double[] blockSums, SplittableRandom random) {
    double total = 0;
    for (double s : blockSums) {
      total += s;
    }
    if (!(total > 0)) {
      return random.nextInt(nearest.length);
    }
    double u = random.nextDouble() * total;
    int block = 0;
    while (block < blockSums.length - 1 && u >= blockSums[block]) {
      u -= blockSums[block];
      block++;
    }
    int end = Math.min(nearest.length, (block + 1) * BLOCK_ROWS);
    int last = -1;
    for (int i = block * BLOCK_ROWS; i < end; i++) {
      if (nearest[i] > 0) {
        last = i;
        if (u < nearest[i]) {
          return i;
        }
        u -= nearest[i];
      }
    }
    // Rounding left u just past the block's end: take its last row with positive weight.
    return last >= 0 ? last : lastPositive(nearest);
  }

  private static int lastPositive(double[] nearest) {
    for (int i = nearest.length - 1; i >= 0; i--) {
      if (nearest[i] > 0) {
        return i;
      }
    }
    throw new IllegalStateException("no row with positive weight although the total is positive");
  }

  /** {@code m} distinct rows of {@code [0, n)} drawn uniformly, ascending (all rows if m == n). */
  private static int[] candidates(int n, int m, SplittableRandom random) {
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    if (m == n) {
      return all;
    }
    for (int i = 0; i < m; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] pool = Arrays.copyOf(all, m);
    Arrays.sort(pool);
    return pool;
  }
}
