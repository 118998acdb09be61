package io.dp4tl.onnx.internal;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableMap;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.core.image.Layout;
import io.dp4tl.core.image.Preprocessing;
import io.dp4tl.core.image.ResizeMethod;
import io.dp4tl.core.image.WidthMode;
import io.dp4tl.onnx.OnnxOptions;
import io.dp4tl.onnx.OutputReduction;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Reads {@link OnnxOptions} from the string options of {@code OnnxBackendProvider.open}. */
public final class OnnxOptionParser {
  /** Every key the provider understands, with a one-line description. */
  public static final ImmutableMap<String, String> KEYS = ImmutableMap.<String, String>builder()
      .put("input.size", "WIDTHxHEIGHT of the model input, e.g. 48x48 (required)")
      .put("input.channels", "1 or 3 (default 1)")
      .put("input.resize", "area or bilinear (default area)")
      .put("input.width-mode", "fixed or keep-aspect-pad (default fixed)")
      .put("input.invert", "true to invert polarity (default false)")
      .put("input.scale", "multiplier of the 0..255 pixel values (default 1/255)")
      .put("input.mean", "per-channel means, comma-separated (default 0)")
      .put("input.std", "per-channel standard deviations, comma-separated (default 1)")
      .put("input.layout", "nchw or nhwc (default nchw)")
      .put("input.pad", "pad pixel value 0..255 for keep-aspect-pad (default 0)")
      .put("threads", "ONNX Runtime intra-op threads (default 1)")
      .put("spinning", "true lets idle ORT threads spin (default false)")
      .put("batch", "most samples per ORT call (default 64)")
      .put("logits", "name of the logits output (default: the only output)")
      .put("logits.reduce", "flatten, max-steps or mean-steps (default flatten)")
      .put("features", "name of the features output (default: none)")
      .put("features.reduce", "flatten, max-steps or mean-steps (default flatten)")
      .buildOrThrow();

  private final Map<String, String> options;

  private OnnxOptionParser(Map<String, String> options) {
    this.options = options;
  }

  /**
   * Parses the options.
   *
   * @throws InvalidInputException if a key is unknown, a value malformed, or input.size missing
   */
  public static OnnxOptions parse(Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!KEYS.containsKey(key)) {
        throw new InvalidInputException("unknown onnx option '" + key + "'; known options: " + new TreeMap<>(KEYS));
      }
    }
    return new OnnxOptionParser(options).build();
  }

  private OnnxOptions build() {
    String size = options.get("input.size");
    if (size == null) {
      throw new InvalidInputException("onnx option input.size is required (WIDTHxHEIGHT, e.g. input.size=48x48)");
    }
    List<String> wh = Splitter.on('x').trimResults().splitToList(size.toLowerCase(Locale.ROOT));
    if (wh.size() != 2) {
      throw bad("input.size", size, "WIDTHxHEIGHT, e.g. 48x48");
    }
    try {
      Preprocessing.Builder p = Preprocessing.builder()
          .size(integer("input.size", wh.get(0)), integer("input.size", wh.get(1)));
      int channels = options.containsKey("input.channels") ? integer("input.channels", options.get("input.channels")) : 1;
      p.channels(channels);
      if (options.containsKey("input.resize")) {
        p.resize(choice("input.resize", ResizeMethod.class));
      }
      if (options.containsKey("input.width-mode")) {
        p.widthMode(choice("input.width-mode", WidthMode.class));
      }
      if (options.containsKey("input.invert")) {
        p.invert(bool("input.invert"));
      }
      if (options.containsKey("input.scale") || options.containsKey("input.mean") || options.containsKey("input.std")) {
        float scale = options.containsKey("input.scale") ? number("input.scale", options.get("input.scale")) : 1f / 255f;
        p.normalize(scale, floats("input.mean", channels, 0f), floats("input.std", channels, 1f));
      }
      if (options.containsKey("input.layout")) {
        p.layout(choice("input.layout", Layout.class));
      }
      if (options.containsKey("input.pad")) {
        p.padValue(integer("input.pad", options.get("input.pad")));
      }
      OnnxOptions.Builder b = OnnxOptions.builder(p.build());
      if (options.containsKey("threads")) {
        b.intraOpThreads(integer("threads", options.get("threads")));
      }
      if (options.containsKey("spinning")) {
        b.spinning(bool("spinning"));
      }
      if (options.containsKey("batch")) {
        b.maxBatch(integer("batch", options.get("batch")));
      }
      if (options.containsKey("logits")) {
        b.logits(options.get("logits"), reduction("logits.reduce"));
      }
      if (options.containsKey("features")) {
        b.features(options.get("features"), reduction("features.reduce"));
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("invalid onnx options " + options + ": " + e.getMessage(), e);
    }
  }

  private OutputReduction reduction(String key) {
    String v = options.getOrDefault(key, "flatten");
    return switch (v) {
      case "flatten" -> OutputReduction.flatten();
      case "max-steps" -> OutputReduction.maxOverSteps();
      case "mean-steps" -> OutputReduction.meanOverSteps();
      default -> throw bad(key, v, "flatten, max-steps or mean-steps");
    };
  }

  private <E extends Enum<E>> E choice(String key, Class<E> type) {
    String v = options.get(key);
    try {
      return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw bad(key, v, "one of " + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
  }

  private boolean bool(String key) {
    String v = options.get(key).trim();
    if (!v.equals("true") && !v.equals("false")) {
      throw bad(key, v, "true or false");
    }
    return v.equals("true");
  }

  private float[] floats(String key, int channels, float fallback) {
    float[] out = new float[channels];
    String v = options.get(key);
    if (v == null) {
      java.util.Arrays.fill(out, fallback);
      return out;
    }
    List<String> parts = Splitter.on(',').trimResults().splitToList(v);
    if (parts.size() != channels && parts.size() != 1) {
      throw bad(key, v, channels + " comma-separated numbers (one per channel) or one for all");
    }
    for (int c = 0; c < channels; c++) {
      out[c] = number(key, parts.get(parts.size() == 1 ? 0 : c));
    }
    return out;
  }

  private static int integer(String key, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw bad(key, v, "an integer");
    }
  }

  private static float number(String key, String v) {
    try {
      return Float.parseFloat(v.trim());
    } catch (NumberFormatException e) {
      throw bad(key, v, "a number");
    }
  }

  private static InvalidInputException bad(String key, String value, String expected) {
    return new InvalidInputException("onnx option " + key + "='" + value + "' is malformed; expected " + expected);
  }
}
