package io.dp4tl.spark;

/**
 * Which k-means clusters the source for Feature Mapping on Spark.
 *
 * <ul>
 *   <li>{@link #DP4TL}: dp4tl's own k-means, distributed: k-means++ ({@code KMeansPlusPlus} of
 *       dp4tl-core) on a sample chosen by a seeded hash of the ids, then Lloyd iterations whose
 *       per-cluster sums are combined in a fixed order, with dp4tl-core's convergence rule and
 *       empty-cluster rule. The same seed gives the same clusters whatever the partitioning.
 *   <li>{@link #MLLIB}: Spark MLlib's {@code KMeans} (k-means|| initialisation, its own
 *       convergence test on centroid movement, sums combined in task order). Its clusters depend
 *       on the partitioning and are not those of dp4tl-core; see dp4tl-spark/README.md.
 * </ul>
 */
public enum KMeansEngine {
  /** dp4tl's distributed k-means (the default). */
  DP4TL,
  /** Spark MLlib's KMeans. */
  MLLIB
}
