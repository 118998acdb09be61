package io.dp4tl.examples.surrogate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.ModelException;
import io.dp4tl.api.spi.Batch;
import io.dp4tl.api.spi.ModelOutput;
import io.dp4tl.core.image.Polarity;
import io.dp4tl.examples.glyph.FontCatalog;
import io.dp4tl.examples.glyph.FontPackages;
import io.dp4tl.examples.glyph.GlyphClassSet;
import io.dp4tl.examples.glyph.GlyphJitter;
import io.dp4tl.examples.glyph.GlyphSource;
import io.dp4tl.examples.glyph.GlyphSourceOptions;
import io.dp4tl.onnx.OnnxBackend;
import io.dp4tl.onnx.internal.OnnxGraphOutputs;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PP-OCRv4's recogniser reading DejaVu-rendered letters and digits. */
class PpOcrSurrogateIT {
  private static GlyphSource glyphs;

  @BeforeAll
  static void render() {
    glyphs = GlyphSource.build(FontCatalog.ofPackages(FontPackages.DEJAVU), GlyphSourceOptions
        .builder(GlyphClassSet.LATIN_ALNUM).jitter(GlyphJitter.none()).samplesPerClass(4).seed(1).build());
  }

  private static ModelOutput runAll(OnnxBackend m, int[] idx, boolean logits, boolean features) {
    int e = m.info().inputElements();
    float[] in = new float[idx.length * e];
    for (int i = 0; i < idx.length; i++) {
      m.encode(glyphs.image(idx[i]), in, i * e);
    }
    return m.run(new Batch(idx, in, logits, features));
  }

  @Test
  void readsRenderedGlyphsAsTheirCharacters() {
    try (OnnxBackend ocr = PpOcrSurrogate.open(glyphs.classNames(), Polarity.WHITE_ON_BLACK, 1)) {
      assertThat(ocr.info().logitWidth()).isEqualTo(62);
      assertThat(ocr.info().featureWidth()).isEqualTo(120);
      assertThat(ocr.info().inputShape()).containsExactly(3, 48, 48);
      assertThat(PpOcrSurrogate.knownClasses(glyphs.classNames())).isEqualTo(62);
      int[] idx = new int[glyphs.size()];
      Arrays.setAll(idx, i -> i);
      ModelOutput out = runAll(ocr, idx, true, false);
      int correct = 0;
      for (int i = 0; i < idx.length; i++) {
        int best = 0;
        for (int k = 1; k < 62; k++) {
          if (out.logits()[i * 62 + k] > out.logits()[i * 62 + best]) {
            best = k;
          }
        }
        correct += best == glyphs.label(i) ? 1 : 0;
      }
      // case pairs (o/O, s/S, ...) and 0/O, 1/l/I are ambiguous for single glyphs; the rest is read
      assertThat((double) correct / idx.length).isGreaterThan(0.7);
    }
  }

  @Test
  void featuresArePooledHiddenStatesAndDeterministic() {
    try (OnnxBackend ocr = PpOcrSurrogate.open(glyphs.classNames(), Polarity.WHITE_ON_BLACK, 1)) {
      int[] idx = {0, 5, 40, 100};
      ModelOutput a = runAll(ocr, idx, true, true);
      ModelOutput b = runAll(ocr, idx, false, true);
      assertThat(a.features()).hasSize(4 * 120).containsExactly(b.features());
      assertThat(Arrays.copyOfRange(a.features(), 0, 120)).isNotEqualTo(Arrays.copyOfRange(a.features(), 120, 240));
      assertThat(b.logits()).isNull();
    }
  }

  @Test
  void unknownClassesScoreZero() {
    List<String> names = List.of("7", "not-a-character", "ж", "A");
    try (OnnxBackend ocr = PpOcrSurrogate.open(names, Polarity.WHITE_ON_BLACK, 1)) {
      int seven = glyphs.classNames().indexOf("7") * 4;
      ModelOutput out = runAll(ocr, new int[] {seven}, true, false);
      assertThat(out.logits()[1]).isZero();
      assertThat(out.logits()[0]).isGreaterThan(0.5f);
    }
    assertThat(PpOcrSurrogate.knownClasses(names)).isBetween(2, 3);
  }

  @Test
  void characterProbabilitiesTakeThePeakOverTimeSteps() {
    List<String> dictionary = List.of("", "a", "b", " ");
    PpOcrSurrogate.CharacterProbabilities r = new PpOcrSurrogate.CharacterProbabilities(dictionary,
        List.of("b", "a", "zz"));
    long[] shape = {3, 4};
    // three time steps over (blank, a, b, space)
    FloatBuffer probs = FloatBuffer.wrap(new float[] {0.9f, 0.05f, 0.05f, 0f, 0.1f, 0.2f, 0.7f, 0f, 0.6f, 0.3f, 0.1f, 0f});
    float[] out = new float[3];
    r.reduce(probs, 0, shape, out, 0);
    assertThat(out).containsExactly(0.7f, 0.3f, 0f);
    assertThat(r.width(shape)).isEqualTo(3);
    assertThatThrownBy(() -> r.width(new long[] {3, 5})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void graphEditingRefusesUnknownTensorsAndGarbage() {
    byte[] model = OnnxBackend.readResource(PpOcrSurrogate.RECOGNISER);
    assertThatThrownBy(() -> OnnxGraphOutputs.addFloatOutputs("rec", model, List.of("no_such_tensor")))
        .isInstanceOf(ModelException.class).hasMessageContaining("no_such_tensor");
    assertThat(OnnxGraphOutputs.addFloatOutputs("rec", model, List.of(PpOcrSurrogate.LOGITS_OUTPUT)))
        .isEqualTo(model);
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertThatThrownBy(() -> OnnxGraphOutputs.addFloatOutputs("junk", garbage, List.of("x")))
        .isInstanceOf(ModelException.class).hasMessageContaining("junk");
  }
}
