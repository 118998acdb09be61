package io.dp4tl.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.core.io.Npy;
import io.dp4tl.spark.internal.ArtifactWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is refused before any output; outputs are never half-written; the job's exit statuses. */
class SparkBadInputTest {
  private static final int CLASSES = 6;
  private static SparkSession spark;
  private static int[] labels;
  private static float[] logits;
  private static Dataset<Row> source;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start();
    SplittableRandom random = new SplittableRandom(1);
    labels = new int[120];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = random.nextInt(CLASSES);
    }
    logits = new float[20 * CLASSES];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) random.nextGaussian();
    }
    source = LocalSpark.labels(spark, labels, 2).cache();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static SparkPruneBuilder lm() {
    return SparkPruner.forTarget(TargetData.ofLogits(FloatMatrix.of(logits, 20, CLASSES))).labelMapping();
  }

  @Test
  void refusesAMissingColumnOrOneOfTheWrongType() {
    assertThatThrownBy(() -> lm().ratio(0.5).prune(SparkSource.ofLabels(source, "id", "class")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no column 'class'").hasMessageContaining("columns: id, label");
    Dataset<Row> text = source.withColumn("label", col("label").cast("string"));
    assertThatThrownBy(() -> lm().ratio(0.5).prune(SparkSource.ofLabels(text, "id", "label")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("'label' (the label column) is string");
    assertThatThrownBy(() -> SparkPruner.forTarget(TargetData.ofFeatures(FloatMatrix.of(new float[4], 2, 2)))
        .featureMapping().clusters(2).ratio(0.5).prune(SparkSource.ofFeatures(source, "id", "label")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("'label' (the features column) is int");
  }

  @Test
  void featureMappingRefusesBothAFeaturesAndAnImageColumn() {
    assertThatThrownBy(() -> SparkPruner.forTarget(TargetData.ofFeatures(FloatMatrix.of(new float[4], 2, 2)))
        .featureMapping().clusters(2).ratio(0.5).prune(new SparkSource(source, "id", null, "label", null, "image")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("give --features-col or --image-col (features computed by --surrogate), not both");
  }

  @Test
  void refusesNullLabelsNamingTheRow() {
    Dataset<Row> nulls = source.withColumn("label", when(col("id").equalTo(17), lit(null)).otherwise(col("label")));
    assertThatThrownBy(() -> lm().ratio(0.5).prune(SparkSource.ofLabels(nulls, "id", "label")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("source row id=17 has a null label");
  }

  @Test
  void refusesRepeatedIdsUnlessTheCheckIsOff() {
    Dataset<Row> twice = source.union(source.where(col("id").equalTo(5)));
    assertThatThrownBy(() -> lm().ratio(0.5).prune(SparkSource.ofLabels(twice, "id", "label")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("source id 5 appears 2 times");
    try (SparkSelection s = lm().ratio(0.5).checkUniqueIds(false).prune(SparkSource.ofLabels(twice, "id", "label"))) {
      assertThat(s.selection().sourceSampleCount()).isEqualTo(labels.length + 1);
    }
    Dataset<Row> features = LocalSpark.features(spark, new float[8], 4, 2, null, 2);
    Dataset<Row> featuresTwice = features.union(features.where(col("id").equalTo(3)));
    assertThatThrownBy(() -> SparkPruner.forTarget(TargetData.ofFeatures(FloatMatrix.of(new float[4], 2, 2)))
        .featureMapping().clusters(2).ratio(0.5).prune(SparkSource.ofFeatures(featuresTwice, "id", "features")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("source id 3 appears more than once");
  }

  @Test
  void aTargetDatasetIsRefusedWithTheRowAndColumnNamed() {
    Dataset<Row> t = LocalSpark.features(spark, new float[] {1, 2, 3, 4, 5, 6}, 3, 2, null, 2);
    assertThat(SparkTarget.features(t, "id", "features").features().orElseThrow().rows()).isEqualTo(3);
    assertThatThrownBy(() -> SparkTarget.features(t, "id", "vectors")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("target has no column 'vectors'").hasMessageContaining("columns: id, features, group");
    assertThatThrownBy(() -> SparkTarget.logits(t, "id", "group")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("target column 'group' (the logits) is int");
    assertThatThrownBy(() -> SparkTarget.features(t.union(t.where(col("id").equalTo(1))), "id", "features"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("target id 1 appears more than once");
    Dataset<Row> nulls = t.withColumn("features", when(col("id").equalTo(2), lit(null)).otherwise(col("features")));
    assertThatThrownBy(() -> SparkTarget.features(nulls, "id", "features")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("target row id=2 has no features (null)");
    Dataset<Row> ragged = t.withColumn("features", when(col("id").equalTo(2),
        org.apache.spark.sql.functions.array(lit(1f))).otherwise(col("features")));
    assertThatThrownBy(() -> SparkTarget.features(ragged, "id", "features")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("target row id=2 has 1 values").hasMessageContaining("first row has 2");
    Dataset<Row> nan = t.withColumn("features", when(col("id").equalTo(0),
        org.apache.spark.sql.functions.array(lit(Float.NaN), lit(1f))).otherwise(col("features")));
    assertThatThrownBy(() -> SparkTarget.features(nan, "id", "features")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("target row id=0 holds NaN");
    assertThatThrownBy(() -> SparkTarget.features(t.where(col("id").lt(0)), "id", "features"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("the target has no rows");
  }

  @Test
  void refusesARatioThatLeavesNoGroupBeforeWritingAnything() {
    Path out = tmp.resolve("out");
    assertThatThrownBy(() -> lm().ratio(0.95).prune(SparkSource.ofLabels(source, "id", "label")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("leaves no group");
    assertThat(out).doesNotExist();
  }

  @Test
  void refusesAnExistingOutputUnlessAskedToOverwrite() throws Exception {
    Path out = tmp.resolve("out");
    try (SparkSelection s = lm().ratio(0.5).prune(SparkSource.ofLabels(source, "id", "label"))) {
      s.write(out.toString(), false);
      byte[] manifest = Files.readAllBytes(out.resolve("selection.json"));
      assertThatThrownBy(() -> s.write(out.toString(), false)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("already exists");
      assertThat(Files.readAllBytes(out.resolve("selection.json"))).isEqualTo(manifest);
      s.write(out.toString(), true);
      assertThat(out.resolve("selection.json")).exists();
    }
    assertThat(tmp.toFile().list()).containsExactly("out");
  }

  @Test
  void aFailedJobLeavesNoHalfWrittenParquetAndTheEarlierArtifactUntouched() throws Exception {
    Path out = tmp.resolve("out");
    Dataset<Row> failing = source.map((MapFunction<Row, Long>) r -> {
      if (r.getLong(0) == 77) {
        throw new IllegalStateException("executor failure on row 77");
      }
      return r.getLong(0);
    }, Encoders.LONG()).toDF("id");
    try (SparkSelection s = lm().ratio(0.5).prune(SparkSource.ofLabels(source, "id", "label"))) {
      assertThatThrownBy(() -> ArtifactWriter.write(spark, s.selection(), failing, out.toString(), false))
          .hasStackTraceContaining("executor failure on row 77");
      assertThat(tmp.toFile().list()).isEmpty();

      s.write(out.toString(), false);
      byte[] manifest = Files.readAllBytes(out.resolve("selection.json"));
      assertThatThrownBy(() -> ArtifactWriter.write(spark, s.selection(), failing, out.toString(), true))
          .hasStackTraceContaining("executor failure on row 77");
      assertThat(tmp.toFile().list()).containsExactly("out");
      assertThat(Files.readAllBytes(out.resolve("selection.json"))).isEqualTo(manifest);
      assertThat(LocalSpark.ids(spark, out.resolve("kept"))).hasSize((int) s.keptSampleCount());
    }
  }

  @Test
  void theJobExitsZeroWithTheArtifactOrTwoWithOneLineAndNoOutput() throws Exception {
    Path parquet = tmp.resolve("s.parquet");
    source.write().parquet(parquet.toString());
    Path targetLogits = tmp.resolve("t.npy");
    Npy.writeFloat32(targetLogits, logits, 20, CLASSES);
    Path out = tmp.resolve("out");
    List<String> args = new ArrayList<>(List.of("--method", "lm", "--source", parquet.toString(), "--id-col", "id",
        "--label-col", "label", "--target-logits", targetLogits.toString(), "--ratio", "0.5", "--out",
        out.toString()));

    StringWriter err = new StringWriter();
    assertThat(SelectJob.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err)))
        .as(err.toString()).isZero();
    Selection local = Pruner.forTarget(TargetData.ofLogits(FloatMatrix.of(logits, 20, CLASSES))).labelMapping()
        .threads(2).ratio(0.5).prune(SourceData.ofLabels(labels));
    assertThat(LocalSpark.ids(spark, out.resolve("kept"))).isEqualTo(local.keptSamples());

    assertExit2(args, "already exists");
    Files.walk(out).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    args.set(args.indexOf("label"), "class");
    assertExit2(args, "no column 'class'");
    assertThat(out).doesNotExist();
    args.add("--bogus");
    assertExit2(args, "--bogus");
  }

  private void assertExit2(List<String> args, String message) {
    StringWriter err = new StringWriter();
    assertThat(SelectJob.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err)))
        .isEqualTo(2);
    assertThat(err.toString().strip()).contains(message).doesNotContain("\n");
  }
}
