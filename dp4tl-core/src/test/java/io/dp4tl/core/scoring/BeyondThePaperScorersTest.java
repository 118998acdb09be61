package io.dp4tl.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made inputs whose right answer is evident, for the scorers beyond the paper. */
class BeyondThePaperScorersTest {
  /** Source: 5 classes, 2 samples each, in class order. */
  private static final SourceData SOURCE = SourceData.ofLabels(new int[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4});

  /** Logits whose softmax is exactly the given probabilities (log p). */
  private static FloatMatrix logProbabilities(double[][] p) {
    float[] data = new float[p.length * p[0].length];
    for (int r = 0; r < p.length; r++) {
      for (int c = 0; c < p[r].length; c++) {
        data[r * p[r].length + c] = (float) Math.log(p[r][c]);
      }
    }
    return FloatMatrix.of(data, p.length, p[0].length);
  }

  /** One-hot-ish logits: row i votes for class votes[i]. */
  private static FloatMatrix votesFor(int[] votes, int classes) {
    float[] data = new float[votes.length * classes];
    for (int r = 0; r < votes.length; r++) {
      data[r * classes + votes[r]] = 5;
    }
    return FloatMatrix.of(data, votes.length, classes);
  }

  @Test
  void softLabelMappingSumsProbabilityMassAndBreaksExactTies() {
    TargetData target = TargetData.ofLogits(logProbabilities(new double[][] {
        {0.50, 0.25, 0.15, 0.05, 0.05},
        {0.10, 0.60, 0.20, 0.05, 0.05}}));
    Selection exact = Pruner.forTarget(target).labelMapping().keep(1).prune(SOURCE);
    Selection soft = Pruner.forTarget(target).scorer("lm-soft").keep(1).prune(SOURCE);
    // Exact LM: one vote each for classes 0 and 1, the tie goes to class 0 by index.
    assertThat(exact.keptGroups()).containsExactly(0);
    // Soft LM: class 1 carries 0.85 of mass against class 0's 0.60.
    assertThat(soft.keptGroups()).containsExactly(1);
    assertThat(soft.histogram()).containsExactly(new double[] {0.60, 0.85, 0.35, 0.10, 0.10}, within(1e-6));
    assertThat(soft.ranking()).containsExactly(1, 0, 2, 3, 4);
  }

  @Test
  void softTopKCountsOnlyEachSamplesMostProbableClasses() {
    TargetData target = TargetData.ofLogits(logProbabilities(new double[][] {
        {0.50, 0.25, 0.15, 0.05, 0.05},
        {0.10, 0.60, 0.20, 0.05, 0.05}}));
    Selection top1 = Pruner.forTarget(target).scorer("lm-soft").option("soft.topk", "1").keep(2).prune(SOURCE);
    assertThat(top1.histogram()).containsExactly(new double[] {0.50, 0.60, 0, 0, 0}, within(1e-6));
    Selection hot = Pruner.forTarget(target).scorer("lm-soft").option("soft.temperature", "1000").keep(1).prune(SOURCE);
    assertThat(hot.histogram()).containsExactly(new double[] {0.4, 0.4, 0.4, 0.4, 0.4}, within(1e-3));
  }

  @Test
  void softRefusesBadOptions() {
    TargetData target = TargetData.ofLogits(votesFor(new int[] {0}, 5));
    assertThatThrownBy(() -> Pruner.forTarget(target).scorer("lm-soft").option("soft.temperature", "0").keep(1).prune(SOURCE))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("soft.temperature");
    assertThatThrownBy(() -> Pruner.forTarget(target).scorer("lm-soft").option("soft.topk", "1.5").keep(1).prune(SOURCE))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("soft.topk");
    assertThatThrownBy(() -> Pruner.forTarget(target).scorer("lm-soft").option("soft.temprature", "2").keep(1)
            .prune(SOURCE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("'soft.temprature' is not an option of lm-soft; valid: soft.temperature (a number > 0, default 1),"
            + " soft.topk (a whole number >= 0, default 0)");
    assertThatThrownBy(() -> Pruner.forTarget(target).labelMapping().option("kmeans.maxIterations", "5").keep(1)
            .prune(SOURCE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'kmeans.maxIterations' is not an option of lm, which takes no options");
  }

  /**
   * Target class 0 (5 samples) votes source 0 three times and source 1 twice; target class 1 (5
   * samples) votes source 0 four times and source 2 once. Exact LM keeps {0, 1} at keep 2 and
   * leaves target class 1 with only the class it shares; coverage gives target class 1 its own.
   */
  private static TargetData twoTargetClasses() {
    int[] votes = {0, 0, 0, 1, 1, 0, 0, 0, 0, 2};
    int[] labels = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
    return TargetData.builder().logits(votesFor(votes, 5)).labels(labels).build();
  }

  @Test
  void coverageServesEveryTargetClassBeforeAnyTwice() {
    TargetData target = twoTargetClasses();
    assertThat(Pruner.forTarget(target).labelMapping().keep(2).prune(SOURCE).keptGroups()).containsExactly(0, 1);
    Selection rr = Pruner.forTarget(target).scorer("lm-coverage").keep(2).prune(SOURCE);
    // Round 1: target 0 takes source 0, target 1 takes source 2; round 2: target 0 takes source 1.
    assertThat(rr.ranking()).containsExactly(0, 2, 1, 3, 4);
    assertThat(rr.keptGroups()).containsExactly(0, 2);
    assertThat(rr.histogram()).containsExactly(7, 2, 1, 0, 0);
  }

  @Test
  void greedyOneToOneTakesTheLargestPairAndBlocksRowAndColumn() {
    Selection greedy = Pruner.forTarget(twoTargetClasses()).scorer("lm-coverage")
        .option("coverage.allocation", "greedy").keep(2).prune(SOURCE);
    // Largest pair: (source 0, target 1) = 4; then target 0's best left: source 1 (2). Rest by votes.
    assertThat(greedy.ranking()).containsExactly(0, 1, 2, 3, 4);
    assertThat(greedy.keptGroups()).containsExactly(0, 1);
  }

  @Test
  void coverageNeedsTargetLabels() {
    TargetData unlabelled = TargetData.ofLogits(votesFor(new int[] {0, 1}, 5));
    assertThatThrownBy(() -> Pruner.forTarget(unlabelled).scorer("lm-coverage").keep(2).prune(SOURCE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("has no labels");
    assertThatThrownBy(() -> Pruner.forTarget(twoTargetClasses()).scorer("lm-coverage")
            .option("coverage.allocation", "fair").keep(2).prune(SOURCE))
        .hasMessageContaining("coverage.allocation=fair: expected one of round-robin, greedy");
  }

  @Test
  void shareKeepsTheClassesCarryingTheMappedMass() {
    Selection s = Pruner.forTarget(twoTargetClasses()).labelMapping().share(0.9).prune(SOURCE);
    // Votes 7, 2, 1 of 10: 0.7 after one class, 0.9 after two.
    assertThat(s.keptGroups()).containsExactly(0, 1);
    assertThat((double[]) s.details().get("massCurve")).startsWith(0.7, 0.9, 1.0);
  }

  @Test
  void multiTargetSelectionWeighsTargetsBySize() {
    TargetData big = TargetData.builder().name("big").logits(votesFor(new int[] {0, 0, 0, 0, 0, 0, 0, 0}, 5)).build();
    TargetData small = TargetData.builder().name("small").logits(votesFor(new int[] {3}, 5)).build();
    Selection both = Pruner.forTargets(List.of(big, small)).labelMapping().keep(2).prune(SOURCE);
    assertThat(both.keptGroups()).containsExactly(0, 3);
    assertThat(both.histogram()).containsExactly(1, 0, 0, 1, 0);
    List<String> names = new ArrayList<>();
    for (Object t : (List<?>) both.details().get("targets")) {
      names.add(String.valueOf(((java.util.Map<?, ?>) t).get("name")));
    }
    assertThat(names).containsExactly("big", "small");
  }

  @Test
  void softMassDoesNotDependOnThreads() {
    float[] data = new float[40000 * 7];
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextGaussian();
    }
    TargetData target = TargetData.ofLogits(FloatMatrix.of(data, 40000, 7));
    SourceData source = SourceData.ofLabels(new int[] {0, 1, 2, 3, 4, 5, 6});
    Selection one = Pruner.forTarget(target).scorer("lm-soft").threads(1).keep(3).prune(source);
    Selection two = Pruner.forTarget(target).scorer("lm-soft").threads(2).keep(3).prune(source);
    assertThat(two.histogram()).containsExactly(one.histogram());
  }
}
