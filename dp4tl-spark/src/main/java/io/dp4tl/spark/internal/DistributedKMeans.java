package io.dp4tl.spark.internal;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.core.accel.internal.Lloyd;
import io.dp4tl.core.cluster.KMeansPlusPlus;
import java.util.List;
import scala.Tuple2;

/**
 * dp4tl's k-means on the canonical rows: the same algorithm as dp4tl-core ({@code KMeans.fit}),
 * distributed. Initialisation: dp4tl-core's {@link KMeansPlusPlus} on the first
 * {@code max(4096, 16 k)} rows in the seeded hash order of their ids ({@link SeededOrder}), gathered
 * on the driver; Lloyd passes as in dp4tl-core (same stopping rule, same empty-cluster rule with
 * the lower id winning a tie), each pass one Spark job ({@link ClusterPass}).
 */
public final class DistributedKMeans {
  private DistributedKMeans() {}

  /**
   * Result.
   *
   * @param centroids {@code k * d} floats
   * @param inertia of the last pass
   * @param iterations Lloyd iterations run
   * @param last the last assignment pass (against {@code centroids}), with its sums, or null if not kept
   */
  public record Result(float[] centroids, double inertia, int iterations, ClusterPass.Result last) {}

  /** Seeded k-means++ centroids drawn from the seeded sample of the rows. */
  public static float[] initialCentroids(CanonicalRows rows, int k, long seed, int threads) {
    int m = (int) Math.min(rows.count(), Math.max(KMeansPlusPlus.MIN_POOL, (long) KMeansPlusPlus.POOL_PER_CLUSTER * k));
    List<Tuple2<Long, FeatureRow>> sample = rows.sample(m, seed);
    int d = rows.d();
    float[] values = new float[sample.size() * d];
    for (int i = 0; i < sample.size(); i++) {
      System.arraycopy(sample.get(i)._2().values(), 0, values, i * d, d);
    }
    return KMeansPlusPlus.init(FloatMatrix.of(values, sample.size(), d), k, seed, threads, RunControl.none());
  }

  /** Lloyd iterations from {@code initial}, stopping as dp4tl-core's do. */
  public static Result lloyd(CanonicalRows rows, float[] initial, int k, int maxIterations, double tolerance) {
    int d = rows.d();
    float[] centroids = initial.clone();
    double previous = Double.NaN;
    for (int t = 0; ; t++) {
      // Every pass sums the rows (dp4tl-core skips it on the last): Feature Mapping needs the means of
      // the final clusters, and this saves a pass over the source.
      ClusterPass.Result pass = ClusterPass.nearest(rows, centroids, k, true);
      boolean converged = t > 0 && previous - pass.inertia() <= tolerance * previous;
      if (converged || t == maxIterations) {
        return new Result(centroids, pass.inertia(), t, pass);
      }
      centroids = update(rows, pass, centroids, k, d);
      previous = pass.inertia();
    }
  }

  /** Cluster means (double sums rounded once to float); empty clusters take the farthest rows. */
  private static float[] update(CanonicalRows rows, ClusterPass.Result pass, float[] previous, int k, int d) {
    float[] next = new float[k * d];
    List<Integer> empty = Lloyd.means(pass.sums(), pass.counts(), k, d, next);
    if (!empty.isEmpty()) {
      List<float[]> far = ClusterPass.farthest(rows, previous, k, empty.size());
      for (int e = 0; e < far.size(); e++) {
        System.arraycopy(far.get(e), 0, next, empty.get(e) * d, d);
      }
    }
    return next;
  }
}
