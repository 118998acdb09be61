package io.dp4tl.onnx;

import static java.util.Objects.requireNonNull;

import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.api.spi.ModelBackendProvider;
import io.dp4tl.onnx.internal.OnnxOptionParser;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code "onnx"} engine: opens {@code *.onnx} files with {@link OnnxBackend}. Options (all
 * strings): {@code input.size} (required, {@code WIDTHxHEIGHT}), {@code input.channels},
 * {@code input.resize}, {@code input.width-mode}, {@code input.invert}, {@code input.scale},
 * {@code input.mean}, {@code input.std}, {@code input.layout}, {@code input.pad}, {@code threads},
 * {@code spinning}, {@code batch}, {@code logits}, {@code logits.reduce}, {@code features},
 * {@code features.reduce}; an unknown key is refused with the list of known ones.
 */
public final class OnnxBackendProvider implements ModelBackendProvider {

  @Override
  public String name() {
    return "onnx";
  }

  @Override
  public boolean accepts(Path model) {
    Path file = model.getFileName();
    return file != null && file.toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
  }

  /**
   * @throws io.dp4tl.api.InvalidInputException if an option is unknown or malformed, or the file is
   *     missing, not a regular file, corrupt or not a usable model for the options
   */
  @Override
  public ModelBackend open(Path model, Map<String, String> options) {
    requireNonNull(model, "model");
    return OnnxBackend.open(model, OnnxOptionParser.parse(requireNonNull(options, "options")));
  }
}
