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
    target = TargetData.ofLogits(FloatMatrix.of(logits, 40, CLASSES));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lm", "lm-bottom", "random-class"})
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
