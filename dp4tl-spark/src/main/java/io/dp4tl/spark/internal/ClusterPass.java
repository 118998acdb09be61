package io.dp4tl.spark.internal;

import io.dp4tl.core.accel.internal.NearestSearch;
import io.dp4tl.core.accel.internal.RowChecks;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * One pass over the canonical rows: every row goes to its cluster (the nearest centroid, with
 * dp4tl-core's {@link NearestSearch} (BLAS where it loads, else the Java kernel; the same answers) and exact distance, or its given group), and per-cluster sums,
 * counts and the inertia are accumulated row by row within a block, then combined block by block in
 * block order on the executors (each cluster's partials are sorted by block before they are added),
 * so the result does not depend on the partitioning of the input or the number of executors.
 */
public final class ClusterPass {
  private static final int BLOCK_ROWS = 512;

  private ClusterPass() {}

  /**
   * What a pass found.
   *
   * @param sums {@code k * d} per-cluster sums (null when not accumulated)
   * @param counts rows per cluster (null when not accumulated)
   * @param inertia sum of the exact squared distances to the assigned centroids (0 for given groups)
   */
  public record Result(double[] sums, long[] counts, double inertia) {}

  /** Assigns rows to the nearest of {@code centroids}; sums when {@code accumulate}. */
  public static Result nearest(CanonicalRows rows, float[] centroids, int k, boolean accumulate) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.rows().context());
    Broadcast<float[]> shared = sc.broadcast(centroids);
    int d = rows.d();
    try {
      return combine(rows.rows().mapPartitionsWithIndex(
          (block, it) -> nearestBlock(block, it, shared.value(), k, d, accumulate), false), k, d, accumulate);
    } finally {
      shared.destroy();
    }
  }

  /** Sums the rows of each given group. */
  public static Result groups(CanonicalRows rows, int groupCount) {
    int d = rows.d();
    return combine(rows.rows().mapPartitionsWithIndex(
        (block, it) -> groupBlock(block, it, groupCount, d), false), groupCount, d, true);
  }

  /** The ids of the rows whose nearest of {@code centroids} is one of {@code kept}. */
  public static JavaRDD<Long> keptIds(CanonicalRows rows, Broadcast<float[]> centroids, int k,
      Broadcast<boolean[]> kept) {
    int d = rows.d();
    return rows.rows().mapPartitions(it -> {
      NearestSearch kernel = NearestSearch.of(centroids.value(), k, d);
      boolean[] keep = kept.value();
      List<Long> out = new ArrayList<>();
      new Blocks(kernel, d).each(it, (id, row, values, offset, cluster, distance) -> {
        if (keep[cluster]) {
          out.add(id);
        }
      });
      return out.iterator();
    });
  }

  /** The {@code m} rows farthest from their nearest centroid, farthest first, lower id first on ties. */
  public static List<float[]> farthest(CanonicalRows rows, float[] centroids, int k, int m) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.rows().context());
    Broadcast<float[]> shared = sc.broadcast(centroids);
    int d = rows.d();
    try {
      JavaRDD<Far> far = rows.rows().mapPartitions(it -> {
        NearestSearch kernel = NearestSearch.of(shared.value(), k, d);
        List<Far> out = new ArrayList<>();
        new Blocks(kernel, d).each(it, (id, row, values, offset, cluster, distance) -> out.add(
            new Far(distance, id, Arrays.copyOfRange(values, offset, offset + d))));
        return out.iterator();
      });
      List<float[]> rowsOut = new ArrayList<>();
      for (Far f : far.takeOrdered(m, new FarOrder())) {
        rowsOut.add(f.values());
      }
      return rowsOut;
    } finally {
      shared.destroy();
    }
  }

  /** A row and its distance, for the empty-cluster rule. */
  record Far(double distance, long id, float[] values) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Farthest first, then lower id. */
  static final class FarOrder implements Comparator<Far>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Far a, Far b) {
      int c = Double.compare(b.distance(), a.distance());
      return c != 0 ? c : Long.compare(a.id(), b.id());
    }
  }

  private static Iterator<Tuple2<Integer, Partial>> nearestBlock(int block, Iterator<Tuple2<Long, FeatureRow>> it,
      float[] centroids, int k, int d, boolean accumulate) {
    NearestSearch kernel = NearestSearch.of(centroids, k, d);
    Sums sums = new Sums(k, d);
    double[] inertia = {0};
    new Blocks(kernel, d).each(it, (id, row, values, offset, cluster, distance) -> {
      inertia[0] += distance;
      if (accumulate) {
        sums.add(cluster, values, offset);
      }
    });
    List<Tuple2<Integer, Partial>> out = accumulate ? sums.partials(block) : new ArrayList<>();
    out.add(new Tuple2<>(Partial.INERTIA, new Partial(block, 0, null, inertia[0])));
    return out.iterator();
  }

  private static Iterator<Tuple2<Integer, Partial>> groupBlock(int block, Iterator<Tuple2<Long, FeatureRow>> it,
      int groupCount, int d) {
    Sums sums = new Sums(groupCount, d);
    while (it.hasNext()) {
      FeatureRow row = it.next()._2();
      sums.add(row.group(), row.values(), 0);
    }
    return sums.partials(block).iterator();
  }

  private static Result combine(JavaRDD<Tuple2<Integer, Partial>> partials, int k, int d, boolean accumulate) {
    int reducers = Math.max(1, partials.getNumPartitions());
    Map<Integer, Partial> totals = JavaPairRDD.fromJavaRDD(partials)
        .groupByKey(reducers)
        .mapValues(ClusterPass::inBlockOrder)
        .collectAsMap();
    double[] sums = accumulate ? new double[k * d] : null;
    long[] counts = accumulate ? new long[k] : null;
    double inertia = 0;
    for (Map.Entry<Integer, Partial> e : totals.entrySet()) {
      Partial p = e.getValue();
      if (e.getKey() == Partial.INERTIA) {
        inertia = p.inertia();
      } else if (accumulate) {
        counts[e.getKey()] = p.count();
        System.arraycopy(p.sums(), 0, sums, e.getKey() * d, d);
      }
    }
    return new Result(sums, counts, inertia);
  }

  /** Adds one cluster's partials in block order. */
  private static Partial inBlockOrder(Iterable<Partial> parts) {
    List<Partial> list = new ArrayList<>();
    parts.forEach(list::add);
    list.sort(Comparator.comparingInt(Partial::block));
    long count = 0;
    double inertia = 0;
    double[] sums = null;
    for (Partial p : list) {
      count += p.count();
      inertia += p.inertia();
      if (p.sums() != null) {
        if (sums == null) {
          sums = new double[p.sums().length];
        }
        for (int j = 0; j < sums.length; j++) {
          sums[j] += p.sums()[j];
        }
      }
    }
    return new Partial(-1, count, sums, inertia);
  }

  /** Per-cluster sums of one block, kept only for the clusters it touches. */
  private static final class Sums {
    private final int d;
    private final int[] slotOf;
    private final List<double[]> slotSums = new ArrayList<>();
    private final List<long[]> slotCount = new ArrayList<>();
    private final List<Integer> slotCluster = new ArrayList<>();

    Sums(int clusters, int d) {
      this.d = d;
      this.slotOf = new int[clusters];
      Arrays.fill(slotOf, -1);
    }

    void add(int cluster, float[] values, int offset) {
      if (cluster >= slotOf.length) {
        throw new IllegalStateException("cluster " + cluster + " outside [0, " + slotOf.length + ")");
      }
      int s = slotOf[cluster];
      if (s < 0) {
        s = slotSums.size();
        slotOf[cluster] = s;
        slotSums.add(new double[d]);
        slotCount.add(new long[1]);
        slotCluster.add(cluster);
      }
      double[] sum = slotSums.get(s);
      for (int j = 0; j < d; j++) {
        sum[j] += values[offset + j];
      }
      slotCount.get(s)[0]++;
    }

    List<Tuple2<Integer, Partial>> partials(int block) {
      List<Tuple2<Integer, Partial>> out = new ArrayList<>();
      for (int s = 0; s < slotSums.size(); s++) {
        out.add(new Tuple2<>(slotCluster.get(s), new Partial(block, slotCount.get(s)[0], slotSums.get(s), 0)));
      }
      return out;
    }
  }

  /** Visits rows with their nearest centroid and exact distance. */
  @FunctionalInterface
  interface RowVisitor {
    void visit(long id, int row, float[] values, int offset, int cluster, double distance);
  }

  /** Runs the kernel over blocks of {@value #BLOCK_ROWS} rows, in row order. */
  private static final class Blocks {
    private final NearestSearch kernel;
    private final int d;
    private final float[] values;
    private final long[] ids = new long[BLOCK_ROWS];
    private final double[] norms = new double[BLOCK_ROWS];
    private final int[] nearest = new int[BLOCK_ROWS];
    private final NearestSearch.Scratch scratch;

    Blocks(NearestSearch kernel, int d) {
      this.kernel = kernel;
      this.d = d;
      this.values = new float[BLOCK_ROWS * d];
      this.scratch = kernel.scratch();
    }

    void each(Iterator<Tuple2<Long, FeatureRow>> it, RowVisitor visitor) {
      while (it.hasNext()) {
        int count = 0;
        while (count < BLOCK_ROWS && it.hasNext()) {
          Tuple2<Long, FeatureRow> row = it.next();
          ids[count] = row._1();
          System.arraycopy(row._2().values(), 0, values, count * d, d);
          count++;
        }
        if (RowChecks.squaredNorms(values, count, d, norms) >= 0) {
          throw new IllegalStateException("a non-finite row passed the checks of CanonicalRows");
        }
        kernel.assign(values, count, norms, nearest, 0, scratch);
        for (int r = 0; r < count; r++) {
          int c = nearest[r];
          visitor.visit(ids[r], r, values, r * d, c, kernel.exactDistance(values, r * d, c));
        }
      }
    }
  }
}
