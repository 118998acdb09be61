package io.dp4tl.core.scoring;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.core.TestData;
import org.junit.jupiter.api.Test;

/** Malformed input is refused with one message naming the input and where it is wrong. */
class BadInputTest {
  private static final int[] LABELS = {0, 1, 2, 3, 4, 0, 1, 2, 3, 4};
  private static final FloatMatrix LOGITS = TestData.gaussian(40, 5, 1);

  private static SourceData fmSource(FloatMatrix features) {
    return SourceData.builder().groups(new int[] {0, 1, 0, 1, 2, 2, 0, 1, 2, 0}).features(features).build();
  }

  @Test
  void nanInLogitsNamesTheRow() {
    TargetData target = TargetData.ofLogits(TestData.with(LOGITS, 17, 2, Float.NaN));
    assertThatThrownBy(() -> Pruner.forTarget(target).labelMapping().ratio(0.5).prune(SourceData.ofLabels(LABELS)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 17 of target logits")
        .hasMessageContaining("NaN");
  }

  @Test
  void infinityInTargetFeaturesNamesTheRow() {
    TargetData target = TargetData.ofFeatures(TestData.with(TestData.gaussian(30, 4, 2), 29, 0, Float.POSITIVE_INFINITY));
    assertThatThrownBy(() -> Pruner.forTarget(target).featureMapping().ratio(0.3)
            .prune(fmSource(TestData.gaussian(10, 4, 3))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 29 of target features")
        .hasMessageContaining("Infinity");
  }

  @Test
  void nanInSourceFeaturesNamesTheRow() {
    TargetData target = TargetData.ofFeatures(TestData.gaussian(30, 4, 2));
    assertThatThrownBy(() -> Pruner.forTarget(target).featureMapping().ratio(0.3)
            .prune(fmSource(TestData.with(TestData.gaussian(10, 4, 3), 6, 3, Float.NaN))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 6 of source features");
  }

  @Test
  void emptyTargetIsRefused() {
    assertThatThrownBy(() -> TargetData.ofLogits(FloatMatrix.of(new float[0], 0, 5)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void logitWidthMustEqualTheSourceClassCount() {
    SourceData source = SourceData.builder().labels(LABELS, 12).build();
    assertThatThrownBy(() -> Pruner.forTarget(TargetData.ofLogits(LOGITS)).labelMapping().ratio(0.5).prune(source))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("12 classes")
        .hasMessageContaining("5 columns");
  }

  @Test
  void labelsBeyondTheLogitWidthAreRefused() {
    int[] labels = {0, 1, 7, 2};
    assertThatThrownBy(() -> Pruner.forTarget(TargetData.ofLogits(LOGITS)).labelMapping().ratio(0.5)
            .prune(SourceData.ofLabels(labels)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("label 7 at row 2")
        .hasMessageContaining("5 columns");
  }

  @Test
  void negativeLabelsAreRefused() {
    assertThatThrownBy(() -> SourceData.ofLabels(new int[] {0, 3, -1}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("label -1 at row 2");
  }

  @Test
  void labelsAtOrAboveTheStatedClassCountAreRefused() {
    assertThatThrownBy(() -> SourceData.builder().labels(new int[] {0, 5}, 5).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("label 5 at row 1");
  }

  @Test
  void sourceWithoutLabelsIsRefusedByLabelMapping() {
    SourceData source = SourceData.builder().groups(new int[] {0, 1}).build();
    assertThatThrownBy(() -> Pruner.forTarget(TargetData.ofLogits(LOGITS)).labelMapping().ratio(0.5).prune(source))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("has no labels");
  }

  @Test
  void targetWithoutLogitsOrSurrogateIsRefused() {
    TargetData target = TargetData.ofFeatures(TestData.gaussian(4, 3, 1));
    assertThatThrownBy(() -> Pruner.forTarget(target).labelMapping().ratio(0.5).prune(SourceData.ofLabels(LABELS)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("needs target logits")
        .hasMessageContaining("surrogate");
  }

  @Test
  void featureWidthsMustAgree() {
    TargetData target = TargetData.ofFeatures(TestData.gaussian(30, 6, 2));
    assertThatThrownBy(() -> Pruner.forTarget(target).featureMapping().ratio(0.3)
            .prune(fmSource(TestData.gaussian(10, 4, 3))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("4-d")
        .hasMessageContaining("6-d");
  }

  @Test
  void featureMappingWithoutAnyGroupingIsRefused() {
    SourceData source = SourceData.builder().features(TestData.gaussian(10, 4, 3)).build();
    assertThatThrownBy(() -> Pruner.forTarget(TargetData.ofFeatures(TestData.gaussian(5, 4, 1))).featureMapping()
            .ratio(0.3).prune(source))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("clusters(k)")
        .hasMessageContaining("groupByLabels()");
  }

  @Test
  void groupByLabelsWithoutLabelsIsRefused() {
    assertThatThrownBy(() -> Pruner.forTarget(TargetData.ofFeatures(TestData.gaussian(5, 4, 1))).featureMapping()
            .groupByLabels().ratio(0.3).prune(fmSource(TestData.gaussian(10, 4, 3))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("groupByLabels() needs source labels");
  }

  @Test
  void ratioOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> Pruner.forTarget(TargetData.ofLogits(LOGITS)).labelMapping().ratio(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> Pruner.forTarget(TargetData.ofLogits(LOGITS)).labelMapping().ratio(-0.1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ratioLeavingNoGroupIsRefused() {
    assertThatThrownBy(() -> Pruner.forTarget(TargetData.ofLogits(LOGITS)).labelMapping().ratio(0.95)
            .prune(SourceData.ofLabels(LABELS)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("leaves no group");
  }

  @Test
  void keepBelowOneIsRefused() {
    assertThatThrownBy(() -> Pruner.forTarget(TargetData.ofLogits(LOGITS)).labelMapping().keep(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepAboveTheGroupCountIsRefused() {
    assertThatThrownBy(() -> Pruner.forTarget(TargetData.ofLogits(LOGITS)).labelMapping().keep(6)
            .prune(SourceData.ofLabels(LABELS)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("keep 6")
        .hasMessageContaining("5 groups");
  }

  @Test
  void moreClustersThanSamplesIsRefused() {
    assertThatThrownBy(() -> Pruner.forTarget(TargetData.ofFeatures(TestData.gaussian(5, 4, 1))).featureMapping()
            .clusters(11).ratio(0.3).prune(fmSource(TestData.gaussian(10, 4, 3))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("11 clusters")
        .hasMessageContaining("has 10");
  }

  @Test
  void malformedKMeansOptionIsRefused() {
    assertThatThrownBy(() -> Pruner.forTarget(TargetData.ofFeatures(TestData.gaussian(5, 4, 1))).featureMapping()
            .clusters(3).option("kmeans.maxIterations", "2.5").ratio(0.3).prune(fmSource(TestData.gaussian(10, 4, 3))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("kmeans.maxIterations=2.5");
  }

  @Test
  void unknownScorerListsTheAvailableOnes() {
    assertThatThrownBy(() -> Pruner.forTarget(TargetData.ofLogits(LOGITS)).scorer("lmx").ratio(0.5)
            .prune(SourceData.ofLabels(LABELS)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown scorer 'lmx'")
        .hasMessageContaining("lm, lm-bottom, fm, random-class, random-sample");
  }
}
