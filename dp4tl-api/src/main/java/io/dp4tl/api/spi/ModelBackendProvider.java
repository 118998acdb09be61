package io.dp4tl.api.spi;

import java.nio.file.Path;
import java.util.Map;

/**
 * Opens {@link ModelBackend}s of one engine from model files. Found by
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.dp4tl.api.spi.ModelBackendProvider})
 * or registered with {@link Registry#modelBackends()}, selected by {@link #name()} or by
 * {@link #accepts(Path)}.
 */
public interface ModelBackendProvider {

  /** Unique name, e.g. {@code "onnx"} or {@code "djl"}. */
  String name();

  /** Whether this provider can open the file (e.g. by its extension). */
  boolean accepts(Path model);

  /**
   * Opens a model.
   *
   * @param model the model file
   * @param options provider-specific options (documented by each provider), e.g. threads
   * @throws io.dp4tl.api.ModelException if the file is missing, corrupt or not a model
   * @throws io.dp4tl.api.InvalidInputException if an option is unknown or malformed
   */
  ModelBackend open(Path model, Map<String, String> options);
}
