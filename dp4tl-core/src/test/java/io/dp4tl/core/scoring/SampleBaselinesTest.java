package io.dp4tl.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Scoring;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TrainingSignals;
import io.dp4tl.core.TestData;
import io.dp4tl.core.scoring.internal.MiddleBand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample-level baselines beyond their parity cases: rules, budgets, bad input, artifacts. */
class SampleBaselinesTest {
  private static final int N = 60;
  private static final int[] LABELS = IntStream.range(0, N).map(i -> (i * 7) % 5).toArray();

  @TempDir Path tmp;

  private static SourceData el2nSource(FloatMatrix... runs) {
    return SourceData.builder().labels(LABELS).signals(TrainingSignals.ofLogits(List.of(runs))).build();
  }

  @Test
  void el2nIsTheMeanErrorNormOverRuns() {
    float[] z = {0, 0, 0, 2, 0, 0};
    SourceData source = SourceData.builder().labels(new int[] {0, 0})
        .signals(TrainingSignals.ofLogits(List.of(FloatMatrix.of(z, 2, 3), FloatMatrix.of(new float[6], 2, 3))))
        .build();
    double[] scores = Pruner.withoutTarget().scorer("el2n").score(source).scores().scores();
    double uniform = Math.sqrt(4.0 / 9 + 2.0 / 9);
    double e = Math.exp(2);
    double p0 = e / (e + 2);
    double peaked = Math.sqrt((p0 - 1) * (p0 - 1) + 2 * Math.pow(1 / (e + 2), 2));
    assertThat(scores[0]).isCloseTo(uniform, within(1e-12));
    assertThat(scores[1]).isCloseTo((peaked + uniform) / 2, within(1e-12));
  }

  @Test
  void grandScalesTheErrorNormByTheFeatureNorm() {
    FloatMatrix z = FloatMatrix.of(new float[] {0, 0}, 1, 2);
    FloatMatrix h = FloatMatrix.of(new float[] {3, 4}, 1, 2);
    SourceData source = SourceData.builder().labels(new int[] {1})
        .signals(TrainingSignals.ofLogitsAndFeatures(List.of(z), List.of(h))).build();
    double score = Pruner.withoutTarget().scorer("grand").score(source).scores().score(0);
    assertThat(score).isCloseTo(Math.sqrt(0.5) * Math.sqrt(26), within(1e-12));
  }

  @Test
  void forgettingCountsDropsAndRanksNeverLearnedFirst() {
    float[] c = {
      0, 1, 1, 0,
      1, 0, 1, 0,
      0, 1, 1, 0,
      1, 0, 1, 0};
    SourceData source = SourceData.builder().signals(TrainingSignals.ofCorrectness(FloatMatrix.of(c, 4, 4))).build();
    Scoring scoring = Pruner.withoutTarget().scorer("forgetting").score(source);
    assertThat(scoring.scores().scores()).containsExactly(1, 2, 0, Double.POSITIVE_INFINITY);
    assertThat(scoring.select(KeepRule.count(2)).keptSamples()).containsExactly(1, 3);
  }

  @Test
  void middleBandsAreNestedSoEveryKeepCountIsAPrefixOfOneRanking() {
    for (int n = 1; n <= 9; n++) {
      double[] distances = IntStream.range(0, n).mapToDouble(i -> (i * 5) % 9).toArray();
      Integer[] sorted = IntStream.range(0, n).boxed().toArray(Integer[]::new);
      Arrays.sort(sorted, (a, b) -> Double.compare(distances[a], distances[b]));
      int[] ranking = io.dp4tl.api.Ranking.rank(MiddleBand.scores(distances));
      for (int keep = 1; keep <= n; keep++) {
        int lo = (n - keep) / 2;
        int[] band = Arrays.stream(sorted, lo, lo + keep).mapToInt(Integer::intValue).sorted().toArray();
        int[] prefix = Arrays.stream(ranking, 0, keep).sorted().toArray();
        assertThat(prefix).as("n %s keep %s", n, keep).containsExactly(band);
      }
    }
  }

  @Test
  void aBudgetMatchedToAnotherSelectionKeepsExactlyItsSampleCount() {
    SourceData source = SourceData.builder().labels(LABELS).features(TestData.gaussian(N, 4, 5)).build();
    Selection lm = Pruner.forTarget(io.dp4tl.api.data.TargetData.ofLogits(TestData.gaussian(20, 5, 6)))
        .labelMapping().ratio(0.6).prune(source);
    for (String scope : List.of("global", "class")) {
      Selection m = Pruner.withoutTarget().scorer("moderate").option("moderate.scope", scope)
          .keep(lm.keptSampleCount()).prune(source);
      assertThat(m.keptSampleCount()).as(scope).isEqualTo(lm.keptSampleCount());
    }
    Selection e = Pruner.withoutTarget().scorer("el2n").keep(lm.keptSampleCount())
        .prune(el2nSource(TestData.gaussian(N, 5, 7)));
    assertThat(e.keptSampleCount()).isEqualTo(lm.keptSampleCount());
  }

  @Test
  void perClassModerateKeepsEachClassesMiddleBandAndRoundTripsThroughTheArtifact() throws IOException {
    SourceData source = SourceData.builder().labels(LABELS).features(TestData.gaussian(N, 3, 8)).build();
    Selection s = Pruner.withoutTarget().scorer("moderate").option("moderate.scope", "class").ratio(0.5)
        .prune(source);
    assertThat(s.keep()).isEqualTo(30);
    @SuppressWarnings("unchecked")
    Map<String, Object> strata = (Map<String, Object>) s.details().get("strata");
    assertThat((int[]) strata.get("keep")).containsExactly(6, 6, 6, 6, 6);
    for (int c = 0; c < 5; c++) {
      int cls = c;
      assertThat(Arrays.stream(s.keptSamples()).filter(i -> LABELS[i] == cls).count()).isEqualTo(6);
    }
    s.write(tmp.resolve("sel"));
    Selection back = Selection.read(tmp.resolve("sel"));
    assertThat(back.keptSamples()).containsExactly(s.keptSamples());
    assertThat(back.ranking()).containsExactly(s.ranking());
    assertThat(back.scores()).containsExactly(s.scores());
    assertThat(back.keep()).isEqualTo(30);

    Path manifest = tmp.resolve("sel/selection.json");
    Files.writeString(manifest,
        Files.readString(manifest).replace("\"keep\": [6, 6, 6, 6, 6]", "\"keep\": [7, 5, 6, 6, 6]"));
    assertThatThrownBy(() -> Selection.read(tmp.resolve("sel")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("details.strata.keep'[0] is 7 but ratio 0.5 of 12 samples keeps 6");
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    SourceData source = el2nSource(TestData.gaussian(N, 5, 1), TestData.gaussian(N, 5, 2));
    Selection one = Pruner.withoutTarget().scorer("el2n").threads(1).ratio(0.3).prune(source);
    Selection four = Pruner.withoutTarget().scorer("el2n").threads(4).ratio(0.3).prune(source);
    assertThat(four.scores()).containsExactly(one.scores());
    assertThat(four.keptSamples()).containsExactly(one.keptSamples());
  }

  @Test
  void badInputIsRefusedNamingTheArrayAndRow() {
    assertThatThrownBy(() -> Pruner.withoutTarget().scorer("el2n").ratio(0.5)
            .prune(el2nSource(TestData.with(TestData.gaussian(N, 5, 1), 13, 2, Float.NaN))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("row 13").hasMessageContaining("NaN");
    assertThatThrownBy(() -> Pruner.withoutTarget().scorer("el2n").ratio(0.5)
            .prune(el2nSource(TestData.gaussian(N, 4, 1))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("label 4 at row");
    float[] c = new float[2 * N];
    c[N + 11] = 2;
    SourceData forgetting = SourceData.builder()
        .signals(TrainingSignals.ofCorrectness(FloatMatrix.of(c, 2, N))).build();
    assertThatThrownBy(() -> Pruner.withoutTarget().scorer("forgetting").ratio(0.5).prune(forgetting))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("row 1").hasMessageContaining("column 11");
    assertThatThrownBy(() -> TrainingSignals.ofLogitsAndFeatures(
            List.of(TestData.gaussian(N, 5, 1), TestData.gaussian(N, 5, 2)), List.of(TestData.gaussian(N, 3, 1))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("1 feature arrays but 2 logits arrays");
    assertThatThrownBy(() -> SourceData.builder().labels(new int[N + 1])
            .signals(TrainingSignals.ofLogits(List.of(TestData.gaussian(N, 5, 1)))).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("training signals");
    assertThatThrownBy(() -> Pruner.withoutTarget().scorer("grand").ratio(0.5)
            .prune(el2nSource(TestData.gaussian(N, 5, 1))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("penultimate");
    assertThatThrownBy(() -> Pruner.withoutTarget().scorer("moderate").option("moderate.scope", "local")
            .ratio(0.5).prune(SourceData.builder().labels(LABELS).features(TestData.gaussian(N, 3, 1)).build()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("expected one of global, class");
  }

  @Test
  void targetAwareScorersRefuseTheMissingTarget() {
    assertThatThrownBy(() -> Pruner.withoutTarget().labelMapping().ratio(0.5).prune(SourceData.ofLabels(LABELS)))
        .isInstanceOf(InvalidInputException.class);
  }
}
