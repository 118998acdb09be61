package io.dp4tl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.api.Device;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Accelerator;
import io.dp4tl.api.spi.Accelerator.KMeansResult;
import io.dp4tl.core.cluster.KMeansPlusPlus;
import io.dp4tl.spark.internal.CanonicalRows;
import io.dp4tl.spark.internal.DistributedKMeans;
import io.dp4tl.spark.internal.SourceChecks.FeaturesKind;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkFeatureMappingTest {
  private static final Accelerator CPU = Device.cpu().resolve();
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static float[] gaussian(int n, int d, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    return x;
  }

  /** k tight clusters far apart: centre c at 20 * c on axis c % d, plus small noise. */
  private static float[] separated(int n, int d, int k, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[n * d];
    for (int i = 0; i < n; i++) {
      int c = i % k;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) (0.1 * random.nextGaussian() + (j == c % d ? 20.0 * (c + 1) : 0));
      }
    }
    return x;
  }

  @Test
  void givenGroupsEqualTheSingleMachineSelection() {
    int n = 500;
    int d = 8;
    float[] x = gaussian(n, d, 1);
    int[] groups = new int[n];
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < n; i++) {
      groups[i] = random.nextInt(9);
      groups[i] = groups[i] == 4 ? 9 : groups[i]; // group 4 has no member
    }
    FloatMatrix target = FloatMatrix.of(gaussian(60, d, 3), 60, d);
    Selection local = Pruner.forTarget(TargetData.ofFeatures(target)).featureMapping().threads(2).ratio(0.5)
        .prune(SourceData.builder().features(FloatMatrix.of(x, n, d)).groups(groups).build());
    try (SparkSelection s = SparkPruner.forTarget(TargetData.ofFeatures(target)).featureMapping().ratio(0.5).blocks(4)
        .prune(SparkSource.ofFeatures(LocalSpark.features(spark, x, n, d, groups, 3), "id", "features")
            .withGroups("group"))) {
      assertThat(s.selection().histogram()).isEqualTo(local.histogram());
      assertThat(s.selection().keptGroups()).isEqualTo(local.keptGroups());
      assertThat(s.selection().ranking()).isEqualTo(local.ranking());
      assertThat(s.selection().details().get("targetAssignment")).isEqualTo(local.details().get("targetAssignment"));
      assertThat(LocalSpark.keptIds(s)).isEqualTo(local.keptSamples());
    }
  }

  @Test
  void kMeansFromTheSameCentroidsFindsTheSamePartitionOnSeparatedDataAndTheSameSelection() {
    int n = 480;
    int d = 6;
    int k = 8;
    float[] x = separated(n, d, k, 4);
    FloatMatrix matrix = FloatMatrix.of(x, n, d);
    float[] initial = KMeansPlusPlus.init(matrix, k, 11, 1, RunControl.none());
    KMeansResult core = CPU.lloyd(matrix, initial, k, 100, 1e-4, 2, RunControl.none());
    Dataset<Row> rows = LocalSpark.features(spark, x, n, d, null, 2);
    try (CanonicalRows canonical = CanonicalRows.of(rows, "id", "features", FeaturesKind.FLOAT_ARRAY, null, 5, d,
        true)) {
      DistributedKMeans.Result distributed = DistributedKMeans.lloyd(canonical, initial, k, 100, 1e-4);
      assertThat(distributed.iterations()).isEqualTo(core.iterations());
      int[] assignment = CPU.nearest(matrix, distributed.centroids(), k, 1, RunControl.none());
      assertThat(assignment).isEqualTo(core.assignment());
      assertThat(Math.abs(distributed.inertia() - core.inertia()) / core.inertia()).isLessThanOrEqualTo(1e-5);
    }
    // The whole selection: the core's Feature Mapping over the core's k-means clusters.
    FloatMatrix target = FloatMatrix.of(separated(40, d, k, 5), 40, d);
    Selection local = Pruner.forTarget(TargetData.ofFeatures(target)).featureMapping().threads(2).keep(3)
        .prune(SourceData.builder().features(matrix).groups(core.assignment()).build());
    try (SparkSelection s = SparkPruner.forTarget(TargetData.ofFeatures(target)).featureMapping().clusters(k)
        .initialCentroids(initial).keep(3).blocks(4)
        .prune(SparkSource.ofFeatures(rows, "id", "features"))) {
      assertThat(s.selection().histogram()).isEqualTo(local.histogram());
      assertThat(s.selection().keptGroups()).isEqualTo(local.keptGroups());
      assertThat(LocalSpark.keptIds(s)).isEqualTo(local.keptSamples());
    }
  }

  @Test
  void kMeansFromTheSameCentroidsReachesTheSameInertiaOnRandomData() {
    int n = 700;
    int d = 5;
    int k = 7;
    float[] x = gaussian(n, d, 6);
    FloatMatrix matrix = FloatMatrix.of(x, n, d);
    float[] initial = KMeansPlusPlus.init(matrix, k, 13, 1, RunControl.none());
    KMeansResult core = CPU.lloyd(matrix, initial, k, 20, 0, 2, RunControl.none());
    try (CanonicalRows canonical = CanonicalRows.of(LocalSpark.features(spark, x, n, d, null, 2), "id", "features",
        FeaturesKind.FLOAT_ARRAY, null, 4, d, true)) {
      DistributedKMeans.Result distributed = DistributedKMeans.lloyd(canonical, initial, k, 20, 0);
      assertThat(Math.abs(distributed.inertia() - core.inertia()) / core.inertia()).isLessThanOrEqualTo(1e-5);
    }
  }

  @Test
  void theSameSeedGivesTheSameSelectionWithOneTwoAndSevenPartitionsAndWithVectors() {
    int n = 600;
    int d = 4;
    float[] x = gaussian(n, d, 8);
    TargetData target = TargetData.ofFeatures(FloatMatrix.of(gaussian(50, d, 9), 50, d));
    Selection first = null;
    int[] firstIds = null;
    for (int partitions : new int[] {1, 2, 7}) {
      Dataset<Row> rows = LocalSpark.features(spark, x, n, d, null, partitions);
      if (partitions == 7) {
        rows = rows.withColumn("features", functions.array_to_vector(rows.col("features")));
      }
      try (SparkSelection s = SparkPruner.forTarget(target).featureMapping().clusters(6).seed(21).ratio(0.5).blocks(4)
          .option("kmeans.maxIterations", "8").prune(SparkSource.ofFeatures(rows, "id", "features"))) {
        Selection sel = s.selection();
        int[] ids = LocalSpark.keptIds(s);
        if (first == null) {
          first = sel;
          firstIds = ids;
        } else {
          assertThat(sel.histogram()).as(partitions + " partitions").isEqualTo(first.histogram());
          assertThat(sel.keptGroups()).isEqualTo(first.keptGroups());
          assertThat(sel.details().get("kmeans.inertia")).isEqualTo(first.details().get("kmeans.inertia"));
          assertThat(sel.details().get("kmeans.iterations")).isEqualTo(first.details().get("kmeans.iterations"));
          // The fingerprint covers the schema: the same values as an ML Vector column are another source.
          assertThat(sel.provenance().fingerprints().get("source.spark").equals(
              first.provenance().fingerprints().get("source.spark"))).isEqualTo(partitions != 7);
          assertThat(ids).isEqualTo(firstIds);
        }
      }
    }
    assertThat(firstIds.length).isBetween(1, n - 1);
    assertThat(Arrays.stream(first.histogram()).sum()).isEqualTo(50);
  }

  @Test
  void mllibFindsTheSameClustersOnSeparatedData() {
    int n = 300;
    int d = 4;
    int k = 4;
    float[] x = separated(n, d, k, 10);
    TargetData target = TargetData.ofFeatures(FloatMatrix.of(separated(20, d, k, 12), 20, d));
    Dataset<Row> rows = LocalSpark.features(spark, x, n, d, null, 2);
    double[][] histograms = new double[2][];
    int i = 0;
    for (KMeansEngine engine : KMeansEngine.values()) {
      try (SparkSelection s = SparkPruner.forTarget(target).featureMapping().clusters(k).seed(1).engine(engine)
          .keep(2).blocks(4).prune(SparkSource.ofFeatures(rows, "id", "features"))) {
        histograms[i] = s.selection().histogram();
        Arrays.sort(histograms[i++]);
        assertThat(s.selection().details().get("kmeans.engine")).isEqualTo(engine.name().toLowerCase());
      }
    }
    assertThat(histograms[1]).isEqualTo(histograms[0]).containsExactly(5, 5, 5, 5);
  }
}
