package io.dp4tl.djl.train;

import static io.dp4tl.djl.train.TrainerFixtures.EPOCHS;
import static io.dp4tl.djl.train.TrainerFixtures.all;
import static io.dp4tl.djl.train.TrainerFixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TrainingSignals;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.core.inference.InferencePass;
import io.dp4tl.core.io.Npy;
import io.dp4tl.core.io.NpyArray;
import io.dp4tl.core.io.NpyDtype;
import io.dp4tl.core.testing.TinyGlyphs;
import io.dp4tl.djl.train.internal.DjlPretrainedModel;
import io.dp4tl.djl.train.internal.TrainingLoop;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer records the sample-level baselines' signals in its own loop, without changing the training. */
class SignalRecordingTest {
  @TempDir Path tmp;

  @Test
  void recordsCorrectnessEveryEpochAndTheLogitsAndFeaturesOfTheChosenEpoch() {
    TinyGlyphs source = TrainerFixtures.source();
    int n = source.size();
    DjlTrainer recording = new DjlTrainer().recordingSignals(new SignalRecording(tmp, EPOCHS));
    try (TrainingLoop.Outcome recorded = recording.pretrainNetwork(source, all(n), options(7), RunControl.none());
        TrainingLoop.Outcome plain = new DjlTrainer().pretrainNetwork(source, all(n), options(7), RunControl.none())) {
      assertThat(recorded.network().fingerprint()).as("recording leaves the training as it is")
          .isEqualTo(plain.network().fingerprint());

      NpyArray correctness = Npy.read(tmp.resolve(SignalRecording.CORRECTNESS));
      assertThat(correctness.dtype()).isEqualTo(NpyDtype.UINT8);
      assertThat(correctness.shape()).containsExactly(EPOCHS, n);
      FloatMatrix c = correctness.asNumericMatrix("correctness");
      float[] row = new float[n];
      for (int t = 0; t < EPOCHS; t++) {
        c.copyRows(t, 1, row, 0);
        double correct = 0;
        for (float v : row) {
          assertThat(v).isIn(0f, 1f);
          correct += v;
        }
        assertThat(correct / n).as("epoch %s", t).isEqualTo(recorded.epochs().get(t).trainAccuracy());
      }

      FloatMatrix logits = Npy.readMatrix(tmp.resolve(SignalRecording.LOGITS), "logits");
      FloatMatrix features = Npy.readMatrix(tmp.resolve(SignalRecording.FEATURES), "features");
      try (DjlPretrainedModel model = new DjlPretrainedModel(recorded.network().copy(), 0, 2);
          ModelBackend surrogate = model.asSurrogate()) {
        InferencePass.Result outputs = new InferencePass(surrogate, source, "source", true, true, 64)
            .run(RunControl.none());
        assertClose(logits, outputs.logits().orElseThrow());
        assertClose(features, outputs.features().orElseThrow());
      }
    }
  }

  @Test
  void recordedRunsFeedTheSampleLevelBaselines() {
    TinyGlyphs source = TrainerFixtures.source();
    int n = source.size();
    List<Path> runs = List.of(tmp.resolve("seed1"), tmp.resolve("seed2"));
    for (int r = 0; r < runs.size(); r++) {
      DjlTrainer recording = new DjlTrainer().recordingSignals(new SignalRecording(runs.get(r), 2));
      try (var model = recording.pretrain(source, all(n), options(1 + r), RunControl.none())) {
        assertThat(model.trainingMillis()).isPositive();
      }
    }
    TrainingSignals signals = SignalRecording.read(runs);
    assertThat(signals.logits()).hasSize(2);
    assertThat(signals.correctness().rows()).isEqualTo(EPOCHS);
    SourceData data = SourceData.builder().images(source).signals(signals).build();
    for (String method : List.of("el2n", "grand", "forgetting")) {
      Selection s = Pruner.withoutTarget().scorer(method).keep(100).prune(data);
      assertThat(s.keptSampleCount()).as(method).isEqualTo(100);
    }
  }

  @Test
  void refusesALogitsEpochBeyondTheTraining() {
    TinyGlyphs source = TrainerFixtures.source();
    DjlTrainer recording = new DjlTrainer().recordingSignals(new SignalRecording(tmp, EPOCHS + 1));
    assertThatThrownBy(() -> recording.pretrain(source, all(source.size()), options(7), RunControl.none()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beyond the " + EPOCHS + " epochs");
    assertThat(SignalRecording.defaultLogitsEpoch(15)).isEqualTo(2);
    assertThat(SignalRecording.defaultLogitsEpoch(3)).isEqualTo(1);
  }

  private static void assertClose(FloatMatrix actual, FloatMatrix expected) {
    assertThat(actual.rows()).isEqualTo(expected.rows());
    assertThat(actual.cols()).isEqualTo(expected.cols());
    float[] a = new float[actual.rows() * actual.cols()];
    float[] e = new float[a.length];
    actual.copyRows(0, actual.rows(), a, 0);
    expected.copyRows(0, expected.rows(), e, 0);
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).as("value %s", i).isCloseTo(e[i], within(1e-3f + 1e-3f * Math.abs(e[i])));
    }
  }
}
