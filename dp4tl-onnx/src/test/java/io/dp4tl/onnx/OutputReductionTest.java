package io.dp4tl.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.onnx.internal.SampleIndices;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class OutputReductionTest {
  // two samples of [T=2, K=3]
  private final FloatBuffer values = FloatBuffer.wrap(new float[] {1, 5, 2, 3, 0, 4, 9, 9, 9, 1, 1, 1});
  private final long[] shape = {2, 3};

  @Test
  void poolsOverTimeSteps() {
    float[] out = new float[6];
    OutputReduction.maxOverSteps().reduce(values, 0, shape, out, 0);
    OutputReduction.meanOverSteps().reduce(values, 6, shape, out, 3);
    assertThat(out).containsExactly(3, 5, 4, 5, 5, 5);
    assertThat(OutputReduction.maxOverSteps().width(shape)).isEqualTo(3);
  }

  @Test
  void flattensASample() {
    float[] out = new float[6];
    OutputReduction.flatten().reduce(values, 6, shape, out, 0);
    assertThat(out).containsExactly(9, 9, 9, 1, 1, 1);
    assertThat(OutputReduction.flatten().width(shape)).isEqualTo(6);
  }

  @Test
  void poolingRefusesOutputsWithoutTimeSteps() {
    assertThatThrownBy(() -> OutputReduction.meanOverSteps().width(new long[] {6}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[T, K]");
  }

  @Test
  void describesSampleIndicesForMessages() {
    int[] idx = {4, 5, 6, 7, 20, 3, 1, 2, 8, 9, 10, 11, 12};
    assertThat(SampleIndices.describe(idx, 0, 4)).isEqualTo("4..7");
    assertThat(SampleIndices.describe(idx, 4, 5)).isEqualTo("20");
    assertThat(SampleIndices.describe(idx, 0, 13)).isEqualTo("[4, 5, 6, 7, 20, 3, 1, 2, ... and 5 more]");
  }
}
