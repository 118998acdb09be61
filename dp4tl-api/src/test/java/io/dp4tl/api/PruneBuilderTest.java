package io.dp4tl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.api.spi.Evidence;
import io.dp4tl.api.spi.GroupScores;
import io.dp4tl.api.spi.Registry;
import io.dp4tl.api.spi.Scorer;
import io.dp4tl.api.spi.ScorerInfo;
import io.dp4tl.api.spi.ScorerOption;
import io.dp4tl.api.spi.ScoringRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PruneBuilderTest {
  private static final TargetData TARGET = TargetData.ofLogits(FloatMatrix.of(new float[] {1, 0, 0, 1}, 2, 2));

  /** Votes each target row for the argmax of its logits: enough of Label Mapping to test combination. */
  static final class VoteScorer implements Scorer {
    @Override
    public String name() {
      return "test-vote";
    }

    @Override
    public String description() {
      return "argmax votes";
    }

    @Override
    public ScorerInfo info() {
      return ScorerInfo.of(Level.CLASS, EnumSet.of(Evidence.TARGET_LOGITS, Evidence.SOURCE_LABELS));
    }

    @Override
    public GroupScores score(ScoringRequest request) {
      FloatMatrix logits = request.target().logits().orElseThrow();
      double[] votes = new double[logits.cols()];
      for (int r = 0; r < logits.rows(); r++) {
        int best = 0;
        for (int c = 1; c < logits.cols(); c++) {
          best = logits.get(r, c) > logits.get(r, best) ? c : best;
        }
        votes[best]++;
      }
      return GroupScores.ofGroups(Level.CLASS, votes, request.source().labels().orElseThrow(), votes, Map.of());
    }
  }

  /** A scorer registered by hand: scores each class by its label count, to exercise the flow. */
  static final class CountScorer implements Scorer {
    @Override
    public String name() {
      return "test-count";
    }

    @Override
    public String description() {
      return "counts source labels";
    }

    @Override
    public ScorerInfo info() {
      return ScorerInfo.of(Level.CLASS, EnumSet.of(Evidence.SOURCE_LABELS),
          ScorerOption.decimal("count.weight", 1, 0, true, "a weight"),
          ScorerOption.choice("count.mode", "plain", List.of("plain", "fancy"), "a mode"));
    }

    @Override
    public GroupScores score(ScoringRequest request) {
      IntColumn labels = request.source().labels().orElseThrow();
      double[] counts = new double[3];
      for (int i = 0; i < labels.size(); i++) {
        counts[labels.get(i)]++;
      }
      return GroupScores.ofGroups(Level.CLASS, counts, labels, counts, Map.of());
    }
  }

  @BeforeAll
  static void register() {
    Registry.scorers().register(new CountScorer());
    Registry.scorers().register(new VoteScorer());
  }

  @Test
  void refusesASettingMadeTwice() {
    assertThatThrownBy(() -> Pruner.forTarget(TARGET).labelMapping().seed(1).seed(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("seed is already set");
  }

  @Test
  void refusesRatioWithKeep() {
    assertThatThrownBy(() -> Pruner.forTarget(TARGET).labelMapping().ratio(0.5).keep(3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exclude each other");
  }

  @Test
  void refusesClustersWithAClassScorerOrWithGroupByLabels() {
    assertThatThrownBy(() -> Pruner.forTarget(TARGET).scorer("test-vote").clusters(10).keep(1)
            .prune(SourceData.ofLabels(new int[] {0, 1})))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("clusters(k) does not apply to test-vote, which ranks the source's classes")
        .hasMessageContaining("feature mapping");
    assertThatThrownBy(() -> Pruner.forTarget(TARGET).featureMapping().clusters(10).groupByLabels())
        .hasMessageContaining("exclude each other");
  }

  @Test
  void pruneNeedsAKeepRule() {
    assertThatThrownBy(() -> Pruner.forTarget(TARGET).scorer("test-count").prune(SourceData.ofLabels(new int[] {0})))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ratio(r), keep(n) or share(s)");
  }

  @Test
  void aMisspeltOptionIsRefusedListingTheValidOnes() {
    SourceData source = SourceData.ofLabels(new int[] {0, 1, 1});
    assertThatThrownBy(() -> Pruner.forTarget(TARGET).scorer("test-count").option("count.wieght", "2").keep(1)
            .prune(source))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'count.wieght' is not an option of test-count; valid: count.weight (a number > 0,"
            + " default 1), count.mode (one of plain, fancy, default plain)");
    assertThatThrownBy(() -> Pruner.forTarget(TARGET).scorer("test-count").option("count.weight", "0").keep(1)
            .prune(source))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("option count.weight=0: expected a number > 0 (default 1)");
    assertThatThrownBy(() -> Pruner.forTarget(TARGET).scorer("test-vote").option("count.weight", "2").keep(1)
            .prune(source))
        .hasMessageContaining("'count.weight' is not an option of test-vote, which takes no options");
    assertThat(Pruner.forTarget(TARGET).scorer("test-count").option("count.mode", "fancy").keep(1).prune(source)
        .options()).containsEntry("params", Map.of("count.mode", "fancy"));
  }

  @Test
  void scoreRefusesAKeepRuleItWouldIgnore() {
    assertThatThrownBy(() -> Pruner.forTarget(TARGET).scorer("test-count").ratio(0.5)
            .score(SourceData.ofLabels(new int[] {0})))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ratio 0.5 is set, but score(source) does not select")
        .hasMessageContaining("select(KeepRule.ratio(0.5))");
  }

  @Test
  void unknownScorerListsWhatExists() {
    assertThatThrownBy(() -> Pruner.forTarget(TARGET).scorer("nope").ratio(0.5).prune(SourceData.ofLabels(new int[] {0})))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown scorer 'nope'")
        .hasMessageContaining("test-count");
  }

  @Test
  void selectsTopGroupsAndTheirSamplesInSourceOrder() {
    int[] labels = {2, 0, 1, 2, 2, 1, 0, 1, 1};
    Selection s = Pruner.forTarget(TARGET).scorer("test-count").seed(9).threads(1).keep(2)
        .prune(SourceData.ofLabels(labels));
    assertThat(s.ranking()).containsExactly(1, 2, 0);
    assertThat(s.keptGroups()).containsExactly(1, 2);
    assertThat(s.keptSamples()).containsExactly(0, 2, 3, 4, 5, 7, 8);
    assertThat(s.histogram()).containsExactly(2, 4, 3);
    assertThat(s.seed()).isEqualTo(9);
    assertThat(s.provenance().fingerprints()).containsKeys("target.logits", "source.labels");
    assertThat(s.provenance().timingsMillis()).containsKeys("scoring", "selection");
    assertThat(s.toString()).contains("keep 2 of 3 classes", "7 of 9 source samples");
  }

  @Test
  void oneScoringServesEveryRatio() {
    Scoring scoring = Pruner.forTarget(TARGET).scorer("test-count").score(SourceData.ofLabels(new int[] {0, 1, 1, 2}));
    assertThat(scoring.select(KeepRule.ratio(0.0)).keep()).isEqualTo(3);
    assertThat(scoring.select(KeepRule.ratio(0.6)).keptGroups()).containsExactly(1);
  }

  @Test
  void selectionIsImmutable() {
    Selection s = Pruner.forTarget(TARGET).scorer("test-count").keep(1).prune(SourceData.ofLabels(new int[] {0, 1, 1}));
    s.keptSamples()[0] = 99;
    s.ranking()[0] = 99;
    assertThat(s.keptSamples()).containsExactly(1, 2);
    assertThat(s.ranking()[0]).isEqualTo(1);
  }

  @Test
  void multiTargetNormalisesEachTargetBySizeAndWeighsIt() {
    // Target A: 4 rows all voting class 0. Target B: 1 row voting class 2.
    TargetData a = TargetData.builder().name("a").logits(FloatMatrix.of(new float[] {
        1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0}, 4, 3)).build();
    TargetData b = TargetData.builder().name("b").logits(FloatMatrix.of(new float[] {0, 0, 1}, 1, 3)).build();
    SourceData source = SourceData.ofLabels(new int[] {0, 1, 2, 2});
    Selection equal = Pruner.forTargets(List.of(a, b)).scorer("test-vote").keep(2).prune(source);
    assertThat(equal.histogram()).containsExactly(1.0, 0.0, 1.0);
    assertThat(equal.keptGroups()).containsExactly(0, 2);
    Selection weighted = Pruner.forTargets(List.of(a, b)).scorer("test-vote").targetWeights(1, 3).keep(1).prune(source);
    assertThat(weighted.keptGroups()).containsExactly(2);
    assertThat(weighted.provenance().fingerprints()).containsKeys("targets[0].logits", "targets[1].logits");
    assertThat(weighted.details()).containsKey("targets");
  }

  @Test
  void targetWeightsMustMatchTheTargets() {
    assertThatThrownBy(() -> Pruner.forTargets(List.of(TARGET, TARGET)).labelMapping().targetWeights(1))
        .hasMessageContaining("1 weights for 2 targets");
    assertThatThrownBy(() -> Pruner.forTargets(List.of(TARGET, TARGET)).labelMapping().targetWeights(0, 0))
        .hasMessageContaining("positive");
  }

  @Test
  void shareRuleRecordsTheMassCurve() {
    Selection s = Pruner.forTarget(TARGET).scorer("test-count").share(0.5).prune(SourceData.ofLabels(new int[] {0, 1, 1, 1, 2}));
    assertThat(s.keptGroups()).containsExactly(1);
    assertThat((double[]) s.details().get("massCurve")).containsExactly(0.6, 0.8, 1.0);
    assertThatThrownBy(() -> Pruner.forTarget(TARGET).scorer("test-count").share(0.5).ratio(0.2))
        .hasMessageContaining("exclude each other");
  }

  @Test
  void detailsCannotBeChangedFromOutside() {
    Selection s = Pruner.forTarget(TARGET).scorer("test-count").share(0.5).prune(SourceData.ofLabels(new int[] {0, 1, 1}));
    ((double[]) s.details().get("massCurve"))[0] = 99;
    assertThat((double[]) s.details().get("massCurve")).startsWith(2.0 / 3);
  }

  @Test
  void selectionsWithTheSameContentAreEqualWhateverTheirProvenance() {
    SourceData source = SourceData.ofLabels(new int[] {0, 1, 1, 2});
    Selection a = Pruner.forTarget(TARGET).scorer("test-count").threads(1).ratio(0.5).prune(source);
    Selection again = Pruner.forTarget(TARGET).scorer("test-count").threads(2).ratio(0.5).prune(source);
    assertThat(again).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(again.provenance()).isNotEqualTo(a.provenance());
    assertThat(Pruner.forTarget(TARGET).scorer("test-count").seed(1).ratio(0.5).prune(source)).isNotEqualTo(a);
    assertThat(Pruner.forTarget(TARGET).scorer("test-count").keep(2).prune(source)).isNotEqualTo(a);
  }

  @Test
  void builtSelectionsCompareNumbersByValue() {
    Selection a = Pruner.forTarget(TARGET).scorer("test-count").ratio(0.5).prune(SourceData.ofLabels(new int[] {0, 1, 1, 2}));
    Selection.Builder copy = Selection.builder().method(a.method()).level(a.level()).rule(a.rule())
        .histogram(a.histogram()).scores(a.scores()).ranking(a.ranking()).sourceSampleCount(a.sourceSampleCount())
        .keptSamples(a.keptSamples()).seed(a.seed()).provenance(a.provenance());
    // As read back from JSON: an Integer for the Long seed, a list for an array.
    Map<String, Object> options = new java.util.LinkedHashMap<>(a.options());
    options.put("seed", 0);
    Selection b = copy.options(options).details(Map.of("sourceClasses", List.of(0, 1, 2))).build();
    Selection c = Selection.builder().method(a.method()).level(a.level()).rule(a.rule()).histogram(a.histogram())
        .scores(a.scores()).ranking(a.ranking()).sourceSampleCount(a.sourceSampleCount()).keptSamples(a.keptSamples())
        .seed(a.seed()).provenance(a.provenance()).options(a.options())
        .details(Map.of("sourceClasses", new int[] {0, 1, 2})).build();
    assertThat(b).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(b.keep()).isEqualTo(a.keep());
    assertThat(b.keptGroups()).containsExactly(a.keptGroups());
  }

  @Test
  void builderRefusesInconsistentOrMissingParts() {
    Selection a = Pruner.forTarget(TARGET).scorer("test-count").ratio(0.5).prune(SourceData.ofLabels(new int[] {0, 1, 1, 2}));
    assertThatThrownBy(() -> Selection.builder().method("x").level(Level.CLASS).rule(a.rule()).scores(a.scores())
            .ranking(new int[] {1, 1, 0}).sourceSampleCount(4).keptSamples(a.keptSamples()).provenance(a.provenance())
            .build())
        .hasMessageContaining("every group once");
    assertThatThrownBy(() -> Selection.builder().method("x").level(Level.CLASS).rule(KeepRule.count(4))
            .scores(a.scores()).ranking(a.ranking()).sourceSampleCount(4).keptSamples(a.keptSamples())
            .provenance(a.provenance()).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("more than the 3 groups");
    assertThatThrownBy(() -> Selection.builder().method("x").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set method, level, rule");
    assertThatThrownBy(() -> Selection.builder().seed(1).seed(2)).hasMessageContaining("seed is already set");
  }

  @Test
  void rankedEvidenceAndMassCurveAreTyped() {
    Selection s = Pruner.forTarget(TARGET).scorer("test-count").keep(1).prune(SourceData.ofLabels(new int[] {0, 1, 1, 1, 2}));
    assertThat(s.rankedEvidence()).containsExactly(3, 1, 1);
    assertThat(s.massCurve()).containsExactly(0.6, 0.8, 1.0);
  }

  @Test
  void scoringAndBuildersSayWhatTheyHoldAndWhatComesNext() {
    SourceData source = SourceData.ofLabels(new int[] {0, 1, 1, 2});
    PruneBuilder builder = Pruner.forTarget(TARGET).scorer("test-count").seed(3).option("count.mode", "fancy");
    assertThat(builder.toString()).isEqualTo("PruneBuilder[test-count for target 'target', no keep rule yet, seed 3,"
        + " options {count.mode=fancy}] -> ratio(r), keep(n) or share(s), then prune(source); or score(source)");
    Scoring scoring = builder.score(source);
    assertThat(scoring.toString()).isEqualTo("Scoring test-count: 3 classes of 4 source samples, seed 3\n"
        + "  top: 1 (2), 0 (1), 2 (1)\n"
        + "  cut with select(KeepRule.ratio(r)), select(KeepRule.count(n)) or select(KeepRule.share(s))");
    assertThat(Pruner.forTarget(TARGET).toString()).contains("labelMapping(), featureMapping() or scorer(name)")
        .contains("test-count");
    assertThat(SourceData.builder().labels(new int[] {0}).toString()).isEqualTo("SourceData.Builder[1 labels] -> build()");
    Selection s = scoring.select(KeepRule.count(1));
    assertThat(s.toString()).contains("precomputed inputs, kernels on ").doesNotContain("none on");
  }
}
