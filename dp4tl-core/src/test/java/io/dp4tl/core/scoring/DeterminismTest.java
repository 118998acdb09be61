package io.dp4tl.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.core.TestData;
import org.junit.jupiter.api.Test;

/** Same seed, same selection, whatever the thread count; another seed, another selection. */
class DeterminismTest {
  private static final FloatMatrix SOURCE_FEATURES = TestData.gaussian(6000, 12, 1);
  private static final FloatMatrix TARGET_FEATURES = TestData.gaussian(700, 12, 2);
  private static final int[] LABELS = labels(6000, 40);

  private static Selection fm(long seed, int threads) {
    return Pruner.forTarget(TargetData.ofFeatures(TARGET_FEATURES)).featureMapping().clusters(50).seed(seed)
        .threads(threads).ratio(0.6).prune(SourceData.builder().features(SOURCE_FEATURES).build());
  }

  private static Selection baseline(String name, long seed, int threads) {
    return Pruner.forTarget(TargetData.ofFeatures(TARGET_FEATURES)).scorer(name).seed(seed).threads(threads)
        .ratio(0.7).prune(SourceData.ofLabels(LABELS));
  }

  @Test
  void featureMappingWithKMeansDependsOnTheSeedOnly() {
    Selection one = fm(7, 1);
    assertThat(fm(7, 2)).isEqualTo(one);
    assertThat(one.details()).containsKeys("kmeans.iterations", "kmeans.inertia", "targetAssignment");
    assertDifferent(one, fm(8, 2));
  }

  @Test
  void randomClassDependsOnTheSeedOnly() {
    Selection one = baseline("random-class", 3, 1);
    assertThat(baseline("random-class", 3, 2)).isEqualTo(one);
    assertThat(one.keep()).isEqualTo(12);
    assertThat(one.histogram()).isNull();
    assertDifferent(one, baseline("random-class", 4, 1));
  }

  @Test
  void randomSampleDependsOnTheSeedOnly() {
    Selection one = baseline("random-sample", 3, 1);
    assertThat(baseline("random-sample", 3, 2)).isEqualTo(one);
    assertThat(one.keptSampleCount()).isEqualTo(6000 - 4200);
    assertDifferent(one, baseline("random-sample", 4, 1));
  }

  private static void assertDifferent(Selection a, Selection b) {
    assertThat(b.keptSamples()).isNotEqualTo(a.keptSamples());
  }

  private static int[] labels(int n, int classes) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (i * 7) % classes;
    }
    return labels;
  }
}
