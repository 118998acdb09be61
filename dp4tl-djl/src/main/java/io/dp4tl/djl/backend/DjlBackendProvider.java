package io.dp4tl.djl.backend;

import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.ModelException;
import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.api.spi.ModelBackendProvider;
import io.dp4tl.djl.internal.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Opens networks saved by the {@code djl} trainer ({@code PretrainedModel.save}) as
 * {@link DjlModelBackend}s. Accepts a {@code .params} file that starts with dp4tl's DJL header, or
 * a directory holding exactly one such file.
 *
 * <p>Options: {@code threads} - PyTorch intra-op threads for inference (default: the available
 * processors).
 */
public final class DjlBackendProvider implements ModelBackendProvider {
  /** Name of this provider. */
  public static final String NAME = "djl";
  /** Option key of the thread count. */
  public static final String THREADS = "threads";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean accepts(Path model) {
    requireNonNull(model, "model");
    if (Files.isDirectory(model)) {
      try {
        return paramsFiles(model).size() == 1;
      } catch (ModelException unreadable) {
        return false;
      }
    }
    return isParamsFile(model);
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidInputException if an option is unknown or {@code threads} is not a positive integer
   * @throws ModelException if the file is missing or not a dp4tl DJL network
   */
  @Override
  public ModelBackend open(Path model, Map<String, String> options) {
    requireNonNull(model, "model");
    requireNonNull(options, "options");
    int threads = Runtime.getRuntime().availableProcessors();
    for (Map.Entry<String, String> option : options.entrySet()) {
      if (!option.getKey().equals(THREADS)) {
        throw new InvalidInputException("unknown option '" + option.getKey() + "' for the djl model backend; known: "
            + THREADS);
      }
      threads = parseThreads(option.getValue());
    }
    return DjlModelBackend.open(resolve(model), threads);
  }

  private static Path resolve(Path model) {
    if (!Files.isDirectory(model)) {
      return model;
    }
    List<Path> files = paramsFiles(model);
    if (files.size() != 1) {
      throw new ModelException("directory " + model + " holds " + files.size() + " dp4tl DJL networks (*"
          + ModelFile.EXTENSION + " written by PretrainedModel.save); expected exactly one: pass the file itself");
    }
    return files.get(0);
  }

  /** The network files in a directory. @throws ModelException if the directory cannot be listed */
  private static List<Path> paramsFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(DjlBackendProvider::isParamsFile).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new ModelException("cannot list directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean isParamsFile(Path file) {
    return file.getFileName() != null && file.getFileName().toString().endsWith(ModelFile.EXTENSION)
        && Files.isRegularFile(file) && ModelFile.hasMagic(file);
  }

  private static int parseThreads(String value) {
    try {
      int threads = Integer.parseInt(value.trim());
      if (threads >= 1) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException("option " + THREADS + " of the djl model backend must be a positive integer, got '"
        + value + "'");
  }
}
