package io.dp4tl.spark;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.ModelException;
import io.dp4tl.api.spi.ModelInfo;
import io.dp4tl.core.io.RegularFiles;
import io.dp4tl.onnx.OnnxBackend;
import io.dp4tl.onnx.OnnxOptions;
import io.dp4tl.onnx.internal.OnnxOptionParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A surrogate that Feature Mapping on Spark runs in the executors over an image column: an ONNX
 * model (its bytes, broadcast once to every executor) and the string options of dp4tl-onnx's
 * provider ({@code input.size} (required), {@code input.channels}, {@code input.resize},
 * {@code input.mean}, {@code input.std}, ..., {@code batch}, {@code features}, {@code features.reduce};
 * the CLI's {@code --surrogate-option}s). Every executor JVM opens one ONNX Runtime session from the
 * broadcast bytes when its first task needs it, with {@code spark.task.cpus} intra-op threads and
 * spinning off; so {@code threads} and {@code spinning} are not options here.
 */
public final class SparkSurrogate {
  private final String name;
  private final byte[] model;
  private final Map<String, String> options;
  private final OnnxOptions parsed;

  private SparkSurrogate(String name, byte[] model, Map<String, String> options, OnnxOptions parsed) {
    this.name = name;
    this.model = model;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    this.parsed = parsed;
  }

  /**
   * An ONNX model file, read now on the driver.
   *
   * @throws InvalidInputException if the file is missing, unreadable, empty, or an option is unknown,
   *     malformed or one that Spark sets ({@code threads}, {@code spinning})
   */
  public static SparkSurrogate onnx(Path file, Map<String, String> options) {
    requireNonNull(file, "file");
    RegularFiles.requireRegularFile(file, "the --surrogate model");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidInputException("--surrogate " + file + ": cannot read: " + RegularFiles.reason(e), e);
    }
    return onnx(file.getFileName().toString(), bytes, options);
  }

  /**
   * An ONNX model from its bytes.
   *
   * @param name the model's name in messages
   * @throws InvalidInputException if the bytes are empty, or an option is unknown, malformed or one
   *     that Spark sets ({@code threads}, {@code spinning})
   */
  public static SparkSurrogate onnx(String name, byte[] model, Map<String, String> options) {
    requireNonNull(name, "name");
    requireNonNull(model, "model");
    requireNonNull(options, "options");
    if (model.length == 0) {
      throw new InvalidInputException("ONNX model '" + name + "' is empty (0 bytes)");
    }
    for (String key : new String[] {"threads", "spinning"}) {
      if (options.containsKey(key)) {
        throw new InvalidInputException("surrogate option '" + key + "' is set by Spark: every executor runs the"
            + " model with spark.task.cpus intra-op threads and spinning off; set spark.task.cpus instead");
      }
    }
    // parsed now, on the driver, to refuse unknown keys and malformed values
    return new SparkSurrogate(name, model.clone(), options, OnnxOptionParser.parse(options));
  }

  /** The model's name in messages. */
  public String name() {
    return name;
  }

  /**
   * SHA-256 of the model bytes (the provenance's {@code model} fingerprint, as in one JVM), hashed
   * on each call.
   */
  public String fingerprint() {
    return Hashing.sha256().hashBytes(model).toString();
  }

  /** The options, as given. */
  public Map<String, String> options() {
    return options;
  }

  byte[] model() {
    return model;
  }

  /**
   * Opens the model once on the driver to check it before any job runs: it loads, takes the
   * preprocessing's input and gives features of width {@code d}.
   *
   * @return the model as loaded: its engine (e.g. {@code "onnxruntime 1.29.0"}) and fingerprint
   *     ({@link #fingerprint()})
   * @throws InvalidInputException naming the model and what is wrong
   */
  ModelInfo check(int d) {
    try (OnnxBackend probe = OnnxBackend.fromBytes(name, model, parsed)) {
      int width = probe.info().featureWidth();
      if (width == 0) {
        throw new InvalidInputException("surrogate " + name + " gives no features; name its features output"
            + " (surrogate option features=NAME, --surrogate-option features=NAME)");
      }
      if (width != d) {
        throw new InvalidInputException("surrogate " + name + " gives " + width + "-d features but the target"
            + " features are " + d + "-d; both must come from the same feature extractor");
      }
      return probe.info();
    } catch (ModelException e) {
      throw new InvalidInputException("--surrogate " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "SparkSurrogate[" + name + ", onnx, " + model.length + " bytes]";
  }
}
