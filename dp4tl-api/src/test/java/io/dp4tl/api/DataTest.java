package io.dp4tl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import org.junit.jupiter.api.Test;

class DataTest {

  @Test
  void sourceRefusesNegativeOrOutOfRangeLabels() {
    assertThatThrownBy(() -> SourceData.ofLabels(new int[] {0, -1}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("label -1 at row 1");
    assertThatThrownBy(() -> SourceData.builder().labels(new int[] {0, 3}, 3).build())
        .hasMessageContaining("label 3 at row 1 of labels is out of range [0, 3)");
  }

  @Test
  void sourceRefusesDisagreeingSizesAndEmptiness() {
    assertThatThrownBy(() -> SourceData.builder().labels(new int[] {0, 1}).groups(new int[] {0}).build())
        .hasMessageContaining("groups has 1 samples but labels has 2; every part must list the same samples");
    assertThatThrownBy(() -> SourceData.ofLabels(new int[0])).hasMessageContaining("empty");
    assertThatThrownBy(() -> SourceData.builder().build()).hasMessageContaining("has no data");
  }

  @Test
  void targetRefusesEmptinessAndDisagreeingSizes() {
    assertThatThrownBy(() -> TargetData.ofLogits(FloatMatrix.of(new float[0], 0, 5)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> TargetData.builder()
            .logits(FloatMatrix.of(new float[4], 2, 2))
            .features(FloatMatrix.of(new float[3], 3, 1))
            .build())
        .hasMessageContaining("features (rows) has 3 samples but logits (rows) has 2");
  }

  @Test
  void sourceAndTargetHaveMatchingFactories() {
    FloatMatrix features = FloatMatrix.of(new float[] {1, 2, 3, 4}, 2, 2);
    assertThat(SourceData.ofFeatures(features).features()).containsSame(features);
    assertThat(TargetData.ofFeatures(features).features()).containsSame(features);
    assertThat(SourceData.ofFeatures(features).name()).isEqualTo("source");
    assertThatThrownBy(() -> TargetData.builder().logits(features).labels(new int[] {0, -2}).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("label -2 at row 1 of labels is negative");
  }

  @Test
  void aFileWithoutAReaderIsRefusedNamingIt() {
    assertThatThrownBy(() -> TargetData.ofLogits(java.nio.file.Path.of("logits.npy")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("logits.npy: no array reader for this file; none on the classpath: add dp4tl-core");
  }

  @Test
  void matrixFingerprintDependsOnValuesAndShape() {
    FloatMatrix a = FloatMatrix.of(new float[] {1, 2, 3, 4}, 2, 2);
    assertThat(a.sha256()).isEqualTo(FloatMatrix.of(new float[] {1, 2, 3, 4}, 2, 2).sha256());
    assertThat(a.sha256()).isNotEqualTo(FloatMatrix.of(new float[] {1, 2, 3, 4}, 1, 4).sha256());
    assertThat(a.sha256()).isNotEqualTo(FloatMatrix.of(new float[] {1, 2, 3, 5}, 2, 2).sha256());
  }
}
