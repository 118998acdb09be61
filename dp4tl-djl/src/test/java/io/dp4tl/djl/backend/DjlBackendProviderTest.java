package io.dp4tl.djl.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.ModelException;
import io.dp4tl.api.data.Image;
import io.dp4tl.api.spi.Batch;
import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.api.spi.ModelBackendProvider;
import io.dp4tl.api.spi.ModelInfo;
import io.dp4tl.api.spi.ModelOutput;
import io.dp4tl.api.spi.Registry;
import io.dp4tl.core.testing.TinyGlyphs;
import io.dp4tl.djl.Architecture;
import io.dp4tl.djl.internal.ModelFile;
import io.dp4tl.djl.internal.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlBackendProviderTest {
  private static final TinyGlyphs GLYPHS = TinyGlyphs.render("XYZ", 4, 5);
  private final ModelBackendProvider provider = new DjlBackendProvider();

  @TempDir
  Path dir;

  @Test
  void isFoundByName() {
    assertThat(Registry.modelBackends().find("djl")).isInstanceOf(DjlBackendProvider.class);
  }

  @Test
  void acceptsSavedNetworksAndDirectoriesHoldingOne() throws IOException {
    Path file = save("cnn", 3, 1, "model.params");
    Files.write(dir.resolve("other.onnx"), new byte[] {1, 2, 3});
    Path garbage = Files.write(dir.resolve("garbage.params"), new byte[] {1, 2, 3});
    assertThat(provider.accepts(file)).isTrue();
    assertThat(provider.accepts(dir)).isTrue();
    assertThat(provider.accepts(dir.resolve("other.onnx"))).isFalse();
    assertThat(provider.accepts(garbage)).isFalse();
    assertThat(provider.accepts(dir.resolve("missing.params"))).isFalse();
  }

  @Test
  void givesTheNetworksLogitsAndFeaturesWithAParameterFingerprint() throws IOException {
    Path file = save("resnet-8", 4, 3, "model.params");
    try (Network network = ModelFile.read(file);
        ModelBackend backend = provider.open(dir, Map.of("threads", "1"));
        NDManager scope = network.manager().newSubManager()) {
      ModelInfo info = backend.info();
      assertThat(info.name()).isEqualTo("model.params");
      assertThat(info.engine()).startsWith("DJL 0.35.1 / PyTorch 2.7.1");
      assertThat(info.fingerprint()).isEqualTo(network.fingerprint()).hasSize(64);
      assertThat(info.inputShape()).containsExactly(1, 32, 32);
      assertThat(info.logitWidth()).isEqualTo(3);
      assertThat(info.featureWidth()).isEqualTo(16);

      float[] input = encodeAll(backend);
      ModelOutput out = backend.run(new Batch(new int[] {0, 1, 2}, input, true, true));
      NDArray images = scope.create(java.util.Arrays.copyOf(input, 3 * 1024), Network.inputShape(3));
      NDArray features = network.features(images, false);
      assertThat(out.features()).containsExactly(features.toFloatArray());
      assertThat(out.logits()).containsExactly(network.logits(features, false).toFloatArray());

      ModelOutput featuresOnly = backend.run(new Batch(new int[] {0, 1, 2}, input, false, true));
      assertThat(featuresOnly.logits()).isNull();
      assertThat(featuresOnly.features()).containsExactly(out.features());
    }
  }

  @Test
  void inferenceDoesNotDependOnTheThreadCount() throws IOException {
    Path file = save("resnet-8", 4, 3, "model.params");
    try (ModelBackend one = provider.open(file, Map.of("threads", "1"));
        ModelBackend two = provider.open(file, Map.of("threads", "2"))) {
      float[] input = encodeAll(one);
      int[] all = new int[GLYPHS.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      ModelOutput a = one.run(new Batch(all, input, true, true));
      ModelOutput b = two.run(new Batch(all, input, true, true));
      assertThat(a.logits()).containsExactly(b.logits());
      assertThat(a.features()).containsExactly(b.features());
    }
  }

  @Test
  void sameWeightsSameFingerprintOtherWeightsOther() throws IOException {
    Path a = save("cnn", 4, 3, "a.params");
    Path b = save("cnn", 4, 3, "b.params");
    Path c = save("cnn", 4, 4, "c.params");
    try (ModelBackend ma = provider.open(a, Map.of());
        ModelBackend mb = provider.open(b, Map.of());
        ModelBackend mc = provider.open(c, Map.of())) {
      assertThat(ma.info().fingerprint()).isEqualTo(mb.info().fingerprint()).isNotEqualTo(mc.info().fingerprint());
    }
  }

  @Test
  void refusesUnknownOptionsAndBadFiles() throws IOException {
    Path file = save("cnn", 2, 2, "model.params");
    assertThatThrownBy(() -> provider.open(file, Map.of("device", "gpu")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown option 'device'");
    assertThatThrownBy(() -> provider.open(file, Map.of("threads", "0")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("positive integer");
    assertThatThrownBy(() -> provider.open(dir.resolve("missing.params"), Map.of()))
        .isInstanceOf(ModelException.class).hasMessageContaining("does not exist");
    Path garbage = Files.write(dir.resolve("garbage.bin"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> provider.open(garbage, Map.of()))
        .isInstanceOf(ModelException.class).hasMessageContaining("not a dp4tl DJL network");
    byte[] bytes = Files.readAllBytes(file);
    Path truncated = Files.write(dir.resolve("truncated.params"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> provider.open(truncated, Map.of()))
        .isInstanceOf(ModelException.class).hasMessageContaining("truncated.params");
    save("cnn", 2, 3, "second.params");
    assertThatThrownBy(() -> provider.open(dir, Map.of()))
        .isInstanceOf(ModelException.class).hasMessageContaining("expected exactly one");
  }

  @Test
  void closesOnceAndRefusesToRunAfterwards() throws IOException {
    ModelBackend backend = provider.open(save("cnn", 2, 2, "model.params"), Map.of());
    float[] input = encodeAll(backend);
    backend.close();
    backend.close();
    assertThatThrownBy(() -> backend.run(new Batch(new int[] {0}, input, true, false)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void encodesLikeTraining() throws IOException {
    try (ModelBackend backend = provider.open(save("cnn", 2, 2, "model.params"), Map.of())) {
      Image image = GLYPHS.image(0);
      float[] dst = new float[1024 + 5];
      backend.encode(image, dst, 5);
      for (int i = 0; i < 1024; i++) {
        assertThat(dst[5 + i]).isEqualTo((image.pixels()[i] & 0xff) / 255f);
      }
      assertThatThrownBy(() -> backend.encode(image, new float[1024], 1)).isInstanceOf(InvalidInputException.class);
    }
  }

  private float[] encodeAll(ModelBackend backend) {
    float[] input = new float[GLYPHS.size() * 1024];
    for (int i = 0; i < GLYPHS.size(); i++) {
      backend.encode(GLYPHS.image(i), input, i * 1024);
    }
    return input;
  }

  private Path save(String architecture, int width, long seed, String name) throws IOException {
    Path file = dir.resolve(name);
    try (Network network = Network.create(Architecture.parse(architecture, width), 3, seed)) {
      ModelFile.write(file, network);
    }
    return file;
  }
}
