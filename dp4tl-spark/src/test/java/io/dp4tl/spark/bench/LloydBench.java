package io.dp4tl.spark.bench;

import io.dp4tl.api.Device;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Accelerator.KMeansResult;
import io.dp4tl.core.cluster.KMeansPlusPlus;
import io.dp4tl.spark.internal.CanonicalRows;
import io.dp4tl.spark.internal.DistributedKMeans;
import io.dp4tl.spark.internal.SourceChecks.FeaturesKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Benchmark (not a test; run by dp4tl-spark/bench/bench-lloyd.sh): Feature Mapping's k-means on
 * n x d synthetic features (each row a seeded Gaussian vector drawn from its id), K clusters, a
 * fixed number of Lloyd iterations (tolerance 0) from the same k-means++ centroids: dp4tl-core on 1
 * and 2 threads, dp4tl-spark in local[1] and local[2]. Prints the seconds of each and the ratios.
 *
 * <p>Arguments: n d k iterations (default 1000000 128 1000 5).
 */
public final class LloydBench {
  private LloydBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 128;
    int k = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    float[] x = new float[n * d];
    for (int i = 0; i < n; i++) {
      row(i, d, x, i * d);
    }
    FloatMatrix matrix = FloatMatrix.of(x, n, d);
    float[] initial = KMeansPlusPlus.init(matrix, k, 1, 2, RunControl.none());
    System.out.printf("data: %d x %d, K = %d, %d Lloyd iterations (%d assignment passes), same initial centroids%n",
        n, d, k, iterations, iterations + 1);
    // JIT warm-up of the shared kernels on a slice (untimed).
    int slice = Math.min(n, 20 * k);
    Device.cpu().resolve().lloyd(FloatMatrix.of(java.util.Arrays.copyOf(x, slice * d), slice, d), initial, k, 1, 0, 2,
        RunControl.none());
    double[] core = new double[3];
    double[] inertia = new double[3];
    for (int threads = 1; threads <= 2; threads++) {
      long start = System.nanoTime();
      KMeansResult r = Device.cpu().resolve().lloyd(matrix, initial, k, iterations, 0, threads, RunControl.none());
      core[threads] = (System.nanoTime() - start) / 1e9;
      inertia[threads] = r.inertia();
      System.out.printf("dp4tl-core, %d thread(s): %.1f s (inertia %.6e)%n", threads, core[threads], r.inertia());
    }
    x = null;
    matrix = null;
    double[] spark = new double[3];
    for (int cores = 1; cores <= 2; cores++) {
      SparkSession session = SparkSession.builder().master("local[" + cores + "]").appName("dp4tl lloyd bench")
          .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
          .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
      try {
        long start = System.nanoTime();
        try (CanonicalRows rows = CanonicalRows.of(source(session, n, d), "id", "features", FeaturesKind.FLOAT_ARRAY,
            null, 8, d, false)) {
          double layout = (System.nanoTime() - start) / 1e9;
          start = System.nanoTime();
          DistributedKMeans.Result r = DistributedKMeans.lloyd(rows, initial, k, iterations, 0);
          spark[cores] = (System.nanoTime() - start) / 1e9;
          System.out.printf("dp4tl-spark, local[%d]: %.1f s (inertia %.6e, relative difference to dp4tl-core %.1e;"
              + " layout: generation + shuffle + cache %.1f s, not counted)%n", cores, spark[cores], r.inertia(),
              Math.abs(r.inertia() - inertia[2]) / inertia[2], layout);
        }
      } finally {
        session.stop();
      }
    }
    System.out.printf("ratio local[1] / local[2] (scaling): %.2f%n", spark[1] / spark[2]);
    System.out.printf("ratio local[1] / dp4tl-core 1 thread (overhead): %.2f%n", spark[1] / core[1]);
    System.out.printf("ratio local[2] / dp4tl-core 2 threads (overhead): %.2f%n", spark[2] / core[2]);
    System.out.printf("per core: %.2f s per assignment pass per million %d-d rows at K = %d (local[1])%n",
        spark[1] / (iterations + 1) / (n / 1e6), d, k);
  }

  /** Row {@code id}: d standard Gaussians seeded by the id. */
  static void row(long id, int d, float[] out, int offset) {
    SplittableRandom random = new SplittableRandom(0x9E3779B97F4A7C15L * (id + 1));
    for (int j = 0; j < d; j++) {
      out[offset + j] = (float) random.nextGaussian();
    }
  }

  private static Dataset<Row> source(SparkSession spark, int n, int d) {
    int parts = 8;
    List<Integer> slices = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      slices.add(p);
    }
    JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(slices, parts)
        .flatMap(p -> {
          List<Row> out = new ArrayList<>();
          for (long id = p; id < n; id += parts) {
            float[] f = new float[d];
            row(id, d, f, 0);
            out.add(RowFactory.create(id, f));
          }
          return out.iterator();
        });
    StructType schema = new StructType().add("id", DataTypes.LongType)
        .add("features", DataTypes.createArrayType(DataTypes.FloatType));
    return spark.createDataFrame(rows, schema);
  }
}
