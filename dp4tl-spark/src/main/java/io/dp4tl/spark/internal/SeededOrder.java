package io.dp4tl.spark.internal;

import java.io.Serializable;
import java.util.Comparator;
import scala.Tuple2;

/**
 * A seeded pseudo-random order of rows by id (a SplitMix64 hash of id and seed, ties by id): the
 * first m rows in this order are a uniform sample that does not depend on the partitioning.
 */
public record SeededOrder<V>(long seed) implements Comparator<Tuple2<Long, V>>, Serializable {
  private static final long serialVersionUID = 1L;

  @Override
  public int compare(Tuple2<Long, V> a, Tuple2<Long, V> b) {
    int c = Long.compareUnsigned(hash(a._1(), seed), hash(b._1(), seed));
    return c != 0 ? c : Long.compare(a._1(), b._1());
  }

  /** SplitMix64's finaliser of {@code id} mixed with {@code seed}. */
  public static long hash(long id, long seed) {
    long z = id * 0x9E3779B97F4A7C15L + seed;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
