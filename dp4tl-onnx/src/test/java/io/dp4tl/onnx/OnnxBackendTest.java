package io.dp4tl.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.common.hash.Hashing;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.ModelException;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.api.spi.Batch;
import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.api.spi.ModelBackendProvider;
import io.dp4tl.api.spi.ModelInfo;
import io.dp4tl.api.spi.ModelOutput;
import io.dp4tl.api.spi.Registry;
import io.dp4tl.core.dataset.GridReader;
import io.dp4tl.core.image.Preprocessing;
import io.dp4tl.core.image.ResizeMethod;
import io.dp4tl.core.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs PaddleOCR's tiny text-direction classifier (a real CNN, [N,3,48,192] -> [N,2]). */
class OnnxBackendTest {
  static final String CLS = "models/ch_ppocr_mobile_v2.0_cls_infer.onnx";
  static final float[] HALF = {0.5f, 0.5f, 0.5f};

  static Preprocessing clsInput() {
    return Preprocessing.builder().size(192, 48).channels(3).resize(ResizeMethod.BILINEAR)
        .normalize(1 / 255f, HALF, HALF).build();
  }

  private static final ImageSet DIGITS = GridReader.read(TestFiles.resource("data/digits-2x10.png"), 20, 20, 1,
      List.of("0", "1"));

  private static float[] encodeAll(ModelBackend m, int[] indices) {
    int e = m.info().inputElements();
    float[] in = new float[indices.length * e];
    for (int i = 0; i < indices.length; i++) {
      m.encode(DIGITS.image(indices[i]), in, i * e);
    }
    return in;
  }

  @Test
  void describesTheModel() throws Exception {
    byte[] bytes = OnnxBackend.readResource(CLS);
    try (OnnxBackend m = OnnxBackend.fromClasspath(CLS, OnnxOptions.builder(clsInput()).build())) {
      ModelInfo info = m.info();
      assertThat(info.name()).isEqualTo("ch_ppocr_mobile_v2.0_cls_infer.onnx");
      assertThat(info.engine()).startsWith("onnxruntime 1.");
      assertThat(info.device()).isEqualTo("cpu");
      assertThat(info.fingerprint()).isEqualTo(Hashing.sha256().hashBytes(bytes).toString());
      assertThat(info.inputShape()).containsExactly(3, 48, 192);
      assertThat(info.logitWidth()).isEqualTo(2);
      assertThat(info.featureWidth()).isZero();
    }
  }

  @Test
  void runsBatchesDeterministicallyWhateverTheChunking() {
    int[] idx = {0, 1, 2, 10, 11, 12, 19};
    OnnxOptions whole = OnnxOptions.builder(clsInput()).build();
    OnnxOptions inTwos = OnnxOptions.builder(clsInput()).maxBatch(2).build();
    try (OnnxBackend a = OnnxBackend.fromClasspath(CLS, whole); OnnxBackend b = OnnxBackend.fromClasspath(CLS, inTwos)) {
      float[] in = encodeAll(a, idx);
      ModelOutput first = a.run(new Batch(idx, in, true, false));
      ModelOutput again = a.run(new Batch(idx, in.clone(), true, false));
      ModelOutput chunked = b.run(new Batch(idx, in, true, false));
      assertThat(first.logits()).hasSize(idx.length * 2);
      assertThat(first.features()).isNull();
      assertThat(again.logits()).containsExactly(first.logits());
      assertThat(chunked.logits()).containsExactly(first.logits(), within(1e-5f));
      for (int i = 0; i < idx.length; i++) {
        assertThat(first.logits()[2 * i] + first.logits()[2 * i + 1]).isCloseTo(1f, within(1e-4f)); // softmax
      }
      // different images give different outputs: the model really looks at its input
      assertThat(Arrays.copyOfRange(first.logits(), 0, 2)).isNotEqualTo(Arrays.copyOfRange(first.logits(), 12, 14));
    }
  }

  @Test
  void concurrentRunsShareOneSessionAndGiveTheSequentialOutputs() throws Exception {
    int[] idx = {0, 1, 2, 10, 11, 12, 19};
    try (OnnxBackend m = OnnxBackend.fromClasspath(CLS, OnnxOptions.builder(clsInput()).maxBatch(3).build())) {
      float[] in = encodeAll(m, idx);
      float[] expected = m.run(new Batch(idx, in, true, false)).logits();
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        List<java.util.concurrent.Future<float[]>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
          runs.add(pool.submit(() -> m.run(new Batch(idx, in, true, false)).logits()));
        }
        for (java.util.concurrent.Future<float[]> run : runs) {
          assertThat(run.get()).containsExactly(expected);
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void givesANamedOutputAsFeatures() {
    OnnxOptions opts = OnnxOptions.builder(clsInput()).features("save_infer_model/scale_0.tmp_1", OutputReduction.flatten())
        .build();
    try (OnnxBackend m = OnnxBackend.fromClasspath(CLS, opts)) {
      assertThat(m.info().logitWidth()).isZero();
      assertThat(m.info().featureWidth()).isEqualTo(2);
      int[] idx = {3, 4};
      ModelOutput out = m.run(new Batch(idx, encodeAll(m, idx), false, true));
      assertThat(out.features()).hasSize(4);
      assertThatThrownBy(() -> m.run(new Batch(idx, encodeAll(m, idx), true, false)))
          .isInstanceOf(ModelException.class).hasMessageContaining("gives no logits");
    }
  }

  @Test
  void refusesAnUnknownOutputNamingTheOnesThereAre() {
    OnnxOptions opts = OnnxOptions.builder(clsInput()).logits("nope", OutputReduction.flatten()).build();
    assertThatThrownBy(() -> OnnxBackend.fromClasspath(CLS, opts)).isInstanceOf(ModelException.class)
        .hasMessageContaining("no output 'nope'").hasMessageContaining("save_infer_model/scale_0.tmp_1");
  }

  @Test
  void refusesAPreprocessingOfTheWrongShape() {
    Preprocessing grey = Preprocessing.builder().size(192, 48).build();
    assertThatThrownBy(() -> OnnxBackend.fromClasspath(CLS, OnnxOptions.builder(grey).build()))
        .isInstanceOf(ModelException.class).hasMessageContaining("[-1, 3, -1, -1]").hasMessageContaining("[1, 48, 192]");
  }

  @Test
  void missingCorruptAndTruncatedModelFilesAreBadInput(@TempDir Path dir) throws Exception {
    OnnxOptions opts = OnnxOptions.builder(clsInput()).build();
    Path missing = dir.resolve("missing.onnx");
    assertThatThrownBy(() -> OnnxBackend.open(missing, opts)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(missing.toString()).hasMessageContaining("no such file");
    Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
    assertThatThrownBy(() -> OnnxBackend.open(empty, opts)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty.onnx").hasMessageContaining("is empty (0 bytes)");
    Path garbage = Files.write(dir.resolve("garbage.onnx"), "this is not a model".getBytes());
    assertThatThrownBy(() -> OnnxBackend.open(garbage, opts)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("garbage.onnx");
    byte[] real = OnnxBackend.readResource(CLS);
    Path truncated = Files.write(dir.resolve("truncated.onnx"), Arrays.copyOf(real, real.length / 2));
    assertThatThrownBy(() -> OnnxBackend.open(truncated, opts)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("truncated.onnx");
    // Mismatched: the model takes 3 x 48 x 192, the options say 1 x 32 x 32.
    Path whole = Files.write(dir.resolve("cls.onnx"), real);
    OnnxOptions small = OnnxOptions.builder(Preprocessing.builder().size(32, 32).build()).build();
    assertThatThrownBy(() -> OnnxBackend.open(whole, small)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cls.onnx").hasMessageContaining("[1, 32, 32]");
    assertThatThrownBy(() -> OnnxBackend.fromBytes("empty", new byte[0], opts)).isInstanceOf(ModelException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> OnnxBackend.fromClasspath("models/absent.onnx", opts)).isInstanceOf(ModelException.class)
        .hasMessageContaining("models/absent.onnx");
  }

  @Test
  void closedBackendRefusesToRunAndClosesTwice() {
    OnnxBackend m = OnnxBackend.fromClasspath(CLS, OnnxOptions.builder(clsInput()).build());
    m.close();
    m.close();
    assertThatThrownBy(() -> m.run(new Batch(new int[] {0}, new float[m.info().inputElements()], true, false)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void providerIsDiscoveredAndOpensFilesWithStringOptions(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("cls.onnx"), OnnxBackend.readResource(CLS));
    ModelBackendProvider onnx = Registry.modelBackends().find("onnx");
    assertThat(onnx.accepts(file)).isTrue();
    assertThat(onnx.accepts(dir.resolve("model.pt"))).isFalse();
    Map<String, String> options = Map.of("input.size", "192x48", "input.channels", "3", "input.resize", "bilinear",
        "input.mean", "0.5", "input.std", "0.5", "threads", "1", "batch", "4");
    try (ModelBackend m = onnx.open(file, options)) {
      assertThat(m.info().logitWidth()).isEqualTo(2);
      assertThat(m.info().name()).isEqualTo("cls.onnx");
    }
    assertThatThrownBy(() -> onnx.open(file, Map.of("input.size", "192x48", "colour", "blue")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown onnx option 'colour'");
    assertThatThrownBy(() -> onnx.open(file, Map.of("input.size", "big")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("input.size='big'");
    assertThatThrownBy(() -> onnx.open(file, Map.of())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("input.size is required");
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> OnnxOptions.builder(clsInput()).intraOpThreads(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OnnxOptions.builder(clsInput()).maxBatch(1).maxBatch(2))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> OnnxOptions.builder(clsInput()).logits("x", OutputReduction.flatten())
        .features("x", OutputReduction.flatten()).build()).isInstanceOf(IllegalArgumentException.class);
  }
}
