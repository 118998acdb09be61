package io.dp4tl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparkLabelMappingTest {
  private static final int CLASSES = 12;
  private static SparkSession spark;
  private static int[] labels;
  private static TargetData target;
  private static int[] targetLabels;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start();
    SplittableRandom random = new SplittableRandom(3);
    labels = new int[600];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = random.nextInt(CLASSES - 1); // the last class has no sample
    }
    float[] logits = new float[40 * CLASSES];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) random.nextGaussian();
    }
    targetLabels = new int[40];
    for (int i = 0; i < targetLabels.length; i++) {
      targetLabels[i] = random.nextInt(5);
    }
    target = TargetData.builder().logits(FloatMatrix.of(logits, 40, CLASSES)).labels(targetLabels).build();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lm", "lm-bottom", "lm-soft", "lm-coverage", "random-class"})
  void equalsTheSingleMachineSelectionWithTheSameSeedWhateverThePartitioning(String method) {
    for (int partitions : method.equals("lm") ? new int[] {1, 2, 7} : new int[] {3}) {
      try (SparkSelection s = SparkPruner.forTarget(target).scorer(method).seed(5).ratio(0.5)
          .prune(SparkSource.ofLabels(LocalSpark.labels(spark, labels, partitions), "id", "label"))) {
        Selection local = Pruner.forTarget(target).scorer(method).seed(5).threads(2)
            .score(SourceData.ofLabels(labels)).select(KeepRule.ratio(0.5));
        assertThat(s.selection().histogram()).as(method + " histogram").isEqualTo(local.histogram());
        assertThat(s.selection().scores()).isEqualTo(local.scores());
        assertThat(s.selection().ranking()).isEqualTo(local.ranking());
        assertThat(s.selection().keptGroups()).as(method + " kept groups").isEqualTo(local.keptGroups());
        assertThat(s.selection().sourceSampleCount()).isEqualTo(labels.length);
        assertThat(s.selection().options()).isEqualTo(local.options());
        assertThat(LocalSpark.keptIds(s)).as(method + " kept ids, " + partitions + " partitions")
            .isEqualTo(local.keptSamples());
      }
    }
  }

  @Test
  void methodOptionsReachTheCoreScorer() {
    for (String[] option : new String[][] {{"lm-soft", "soft.temperature", "3"}, {"lm-coverage",
        "coverage.allocation", "greedy"}}) {
      try (SparkSelection s = SparkPruner.forTarget(target).scorer(option[0]).option(option[1], option[2]).keep(4)
          .prune(SparkSource.ofLabels(LocalSpark.labels(spark, labels, 2), "id", "label"))) {
        Selection local = Pruner.forTarget(target).scorer(option[0]).option(option[1], option[2]).threads(2)
            .score(SourceData.ofLabels(labels)).select(KeepRule.count(4));
        assertThat(s.selection().scores()).as(option[0]).isEqualTo(local.scores());
        assertThat(s.selection().details()).isEqualTo(local.details());
        assertThat(LocalSpark.keptIds(s)).isEqualTo(local.keptSamples());
      }
    }
  }

  @Test
  void aTargetGivenAsADatasetIsGatheredInIdOrderAndGivesTheSameSelection() {
    float[] logits = new float[40 * CLASSES];
    target.logits().orElseThrow().copyRows(0, 40, logits, 0);
    java.util.List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
    for (int i = 39; i >= 0; i--) { // ids 100 + i, given in reverse, spread over partitions
      Float[] row = new Float[CLASSES];
      for (int j = 0; j < CLASSES; j++) {
        row[j] = logits[i * CLASSES + j];
      }
      rows.add(org.apache.spark.sql.RowFactory.create(100L + i, java.util.Arrays.asList(row), targetLabels[i]));
    }
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("id", "long").add("logits", "array<float>").add("label", "int");
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> ds = spark.createDataFrame(rows, schema).repartition(3);
    TargetData gathered = SparkTarget.of(ds, "id", "logits", null, "label");
    assertThat(gathered.logits().orElseThrow().sha256()).isEqualTo(target.logits().orElseThrow().sha256());
    assertThat(gathered.labels().orElseThrow()).isEqualTo(targetLabels);
    try (SparkSelection s = SparkPruner.forTarget(gathered).scorer("lm-coverage").keep(5)
        .prune(SparkSource.ofLabels(LocalSpark.labels(spark, labels, 2), "id", "label"))) {
      Selection local = Pruner.forTarget(target).scorer("lm-coverage").threads(2).score(SourceData.ofLabels(labels))
          .select(KeepRule.count(5));
      assertThat(s.selection().keptGroups()).isEqualTo(local.keptGroups());
      assertThat(s.selection().provenance().fingerprints().get("target.logits"))
          .isEqualTo(local.provenance().fingerprints().get("target.logits"));
    }
    // The same logits as array<double> and as ML Vectors.
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> doubles =
        ds.withColumn("logits", ds.col("logits").cast("array<double>"));
    assertThat(SparkTarget.logits(doubles, "id", "logits").logits().orElseThrow().sha256())
        .isEqualTo(target.logits().orElseThrow().sha256());
    assertThat(SparkTarget.logits(doubles.withColumn("logits", org.apache.spark.ml.functions.array_to_vector(
        doubles.col("logits"))), "id", "logits").logits().orElseThrow().sha256())
        .isEqualTo(target.logits().orElseThrow().sha256());
  }

  @Test
  void theJobRunsLmCoverageWithTargetLabelsAndRandomClassWithoutATarget() throws Exception {
    Path parquet = tmp.resolve("s.parquet");
    LocalSpark.labels(spark, labels, 2).write().parquet(parquet.toString());
    float[] logits = new float[40 * CLASSES];
    target.logits().orElseThrow().copyRows(0, 40, logits, 0);
    Path t = tmp.resolve("t.npy");
    io.dp4tl.core.io.Npy.writeFloat32(t, logits, 40, CLASSES);
    Path y = tmp.resolve("y.npy");
    io.dp4tl.core.io.Npy.writeInt64(y, targetLabels);
    Path out = tmp.resolve("out");
    java.io.StringWriter err = new java.io.StringWriter();
    int status = SelectJob.run(new String[] {"--method", "lm-coverage", "--source", parquet.toString(), "--label-col",
        "label", "--target-logits", t.toString(), "--target-labels", y.toString(), "--keep", "3", "--option",
        "coverage.allocation=greedy", "--out", out.toString()}, new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(err));
    assertThat(status).as(err.toString()).isZero();
    Selection local = Pruner.forTarget(target).scorer("lm-coverage").option("coverage.allocation", "greedy")
        .threads(2).score(SourceData.ofLabels(labels)).select(KeepRule.count(3));
    assertThat(LocalSpark.ids(spark, out.resolve("kept"))).isEqualTo(local.keptSamples());
    // random-class needs no target evidence: no --target-logits.
    Path random = tmp.resolve("random");
    status = SelectJob.run(new String[] {"--method", "random-class", "--source", parquet.toString(), "--label-col",
        "label", "--seed", "4", "--keep", "3", "--out", random.toString()},
        new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err));
    assertThat(status).as(err.toString()).isZero();
    Selection randomLocal = Pruner.forTarget(TargetData.none()).scorer("random-class").seed(4).threads(2)
        .score(SourceData.ofLabels(labels)).select(KeepRule.count(3));
    assertThat(LocalSpark.ids(spark, random.resolve("kept"))).isEqualTo(randomLocal.keptSamples());
  }

  @Test
  void writesTheManifestOfTheCoreAndTheKeptIdsAsParquet() throws Exception {
    Path out = tmp.resolve("sel");
    Selection local = Pruner.forTarget(target).labelMapping().threads(2).ratio(0.25)
        .prune(SourceData.ofLabels(labels));
    local.write(tmp.resolve("core"));
    try (SparkSelection s = SparkPruner.forTarget(target).labelMapping().ratio(0.25)
        .prune(SparkSource.ofLabels(LocalSpark.labels(spark, labels, 3), "id", "label"))) {
      assertThat(s.write(out.toString(), false)).isEqualTo(local.keptSampleCount());
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode written = json.readTree(out.resolve("selection.json").toFile());
    JsonNode core = json.readTree(tmp.resolve("core/selection.json").toFile());
    assertThat(written.fieldNames()).toIterable().containsExactlyElementsOf(() -> core.fieldNames());
    for (String key : new String[] {"method", "level", "rule", "keep", "groupCount", "sourceSampleCount",
        "keptSampleCount", "seed", "options", "histogram", "scores", "ranking", "keptGroups", "details"}) {
      assertThat(written.get(key)).as(key).isEqualTo(core.get(key));
    }
    assertThat(written.at("/keptSamples/file").asText()).isEqualTo("kept");
    assertThat(written.at("/keptSamples/format").asText()).isEqualTo("parquet");
    assertThat(written.at("/provenance/fingerprints/target.logits"))
        .isEqualTo(core.at("/provenance/fingerprints/target.logits"));
    assertThat(written.at("/provenance/fingerprints/source.spark").asText()).hasSize(64);
    assertThat(LocalSpark.ids(spark, out.resolve("kept"))).isEqualTo(local.keptSamples());
    assertThat(out.toFile().list()).containsExactlyInAnyOrder("selection.json", "kept");
    assertThat(tmp.toFile().list()).containsExactlyInAnyOrder("sel", "core");
  }
}
