package io.dp4tl.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.api.Level;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.core.TestData;
import io.dp4tl.core.backend.ArrayBackend;
import org.junit.jupiter.api.Test;

/** Behaviour of the scorers beyond the parity cases. */
class ScorersTest {
  // Rows vote for classes 2, 2, 0, 3, 2, 0: histogram [2, 0, 3, 1].
  private static final FloatMatrix LOGITS = FloatMatrix.of(new float[] {
      0, 1, 5, 2,
      0, 0, 9, 9,
      4, 1, 1, 1,
      0, 0, 0, 1,
      1, 2, 3, 0,
      7, 7, 7, 7}, 6, 4);
  private static final int[] LABELS = {0, 1, 2, 3, 0, 1, 2, 3, 2};

  @Test
  void labelMappingRanksClassesByVotes() {
    Selection s = Pruner.forTarget(TargetData.ofLogits(LOGITS)).labelMapping().keep(2)
        .prune(SourceData.ofLabels(LABELS));
    assertThat(s.level()).isEqualTo(Level.CLASS);
    assertThat(s.histogram()).containsExactly(2, 0, 3, 1);
    assertThat(s.ranking()).containsExactly(2, 0, 3, 1);
    assertThat(s.keptGroups()).containsExactly(0, 2);
    assertThat(s.keptSamples()).containsExactly(0, 2, 4, 6, 8);
  }

  @Test
  void labelMappingBottomRanksTheLeastVotedFirst() {
    Selection s = Pruner.forTarget(TargetData.ofLogits(LOGITS)).scorer("lm-bottom").keep(2)
        .prune(SourceData.ofLabels(LABELS));
    assertThat(s.histogram()).containsExactly(2, 0, 3, 1);
    assertThat(s.ranking()).containsExactly(1, 3, 0, 2);
    assertThat(s.keptGroups()).containsExactly(1, 3);
  }

  @Test
  void labelMappingThroughASurrogateMatchesPrecomputedLogits() {
    Selection direct = Pruner.forTarget(TargetData.ofLogits(LOGITS)).labelMapping().ratio(0.5)
        .prune(SourceData.ofLabels(LABELS));
    try (ArrayBackend surrogate = new ArrayBackend("surrogate", LOGITS, null)) {
      Selection inferred = Pruner.forTarget(TargetData.ofImages(TestData.images(6, i -> {}))).labelMapping()
          .surrogate(surrogate).batchSize(4).ratio(0.5).prune(SourceData.ofLabels(LABELS));
      assertThat(inferred.histogram()).containsExactly(direct.histogram());
      assertThat(inferred.keptSamples()).containsExactly(direct.keptSamples());
      assertThat(inferred.provenance().engine()).isEqualTo("array");
    }
  }

  @Test
  void featureMappingGivesNoVoteToAnEmptyGroup() {
    FloatMatrix source = FloatMatrix.of(new float[] {0, 0, 1, 1, 10, 10}, 3, 2);
    FloatMatrix target = FloatMatrix.of(new float[] {0.2f, 0.1f, 9, 9, 6, 6}, 3, 2);
    Selection s = Pruner.forTarget(TargetData.ofFeatures(target)).featureMapping().keep(1)
        .prune(SourceData.builder().groups(new int[] {0, 0, 2}).features(source).build());
    assertThat(s.level()).isEqualTo(Level.CLUSTER);
    assertThat(s.histogram()).containsExactly(1, 0, 2);
    assertThat((int[]) s.details().get("targetAssignment")).containsExactly(0, 2, 2);
    assertThat(s.details().get("grouping")).isEqualTo("given");
  }

  @Test
  void featureMappingGroupsByLabelsWhenAsked() {
    FloatMatrix source = FloatMatrix.of(new float[] {0, 0, 10, 10, 0, 1}, 3, 2);
    FloatMatrix target = FloatMatrix.of(new float[] {0, 0.4f, 9, 9}, 2, 2);
    Selection s = Pruner.forTarget(TargetData.ofFeatures(target)).featureMapping().groupByLabels().keep(1)
        .prune(SourceData.builder().labels(new int[] {1, 0, 1}).groups(new int[] {0, 0, 0}).features(source).build());
    assertThat(s.level()).isEqualTo(Level.CLASS);
    assertThat(s.histogram()).containsExactly(1, 1);
    assertThat(s.details().get("grouping")).isEqualTo("labels");
  }

  @Test
  void featureMappingClustersWhenAskedEvenIfGroupsAreGiven() {
    FloatMatrix source = TestData.blobs(3, 40, 4, 1);
    Selection s = Pruner.forTarget(TargetData.ofFeatures(TestData.blobs(3, 5, 4, 2))).featureMapping().clusters(3)
        .keep(3).prune(SourceData.builder().groups(new int[120]).features(source).build());
    assertThat(s.groupCount()).isEqualTo(3);
    assertThat(s.histogram()).containsExactly(5, 5, 5);
    assertThat(s.details().get("grouping")).isEqualTo("kmeans");
  }

  @Test
  void randomClassKeepsTheAskedNumberOfClasses() {
    Selection s = Pruner.forTarget(TargetData.ofLogits(LOGITS)).scorer("random-class").seed(5).keep(2)
        .prune(SourceData.ofLabels(LABELS));
    assertThat(s.level()).isEqualTo(Level.CLASS);
    assertThat(s.keptGroups()).hasSize(2);
    assertThat(s.scores()).containsExactlyInAnyOrder(1, 2, 3, 4);
  }
}
