package io.dp4tl.cli;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.ModelException;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.api.spi.ModelBackendProvider;
import io.dp4tl.api.spi.Registry;
import io.dp4tl.core.dataset.FolderImageSet;
import io.dp4tl.core.dataset.NpyReader;
import io.dp4tl.core.io.RegularFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Images and a surrogate model given as files: {@code --target-images}, {@code --source}, {@code --surrogate}. */
final class ImageInputs {
  private ImageInputs() {}

  /**
   * An image set from a path: a directory with one folder per class (the ImageNet layout), or a
   * {@code .npy} uint8 array [N, H, W] or [N, H, W, C] (unlabelled).
   *
   * @throws InvalidInputException if the path is neither, or cannot be read
   */
  static ImageSet read(Path path, String option) {
    if (Files.isDirectory(path)) {
      return FolderImageSet.open(path);
    }
    if (path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
      return NpyReader.read(path, null, null);
    }
    throw new InvalidInputException(option + " " + path + ": give a directory with one folder per class, or a .npy"
        + " array of uint8 images" + (Files.exists(path) ? "" : " (it does not exist)"));
  }

  /**
   * Opens a model file with the first provider that accepts it (by extension).
   *
   * @throws InvalidInputException if the file is missing or not a regular file, no provider accepts
   *     it (lists the providers), or it cannot be opened as a model
   */
  static ModelBackend surrogate(Path model, Map<String, String> options) {
    RegularFiles.requireRegularFile(model, "the --surrogate model");
    for (ModelBackendProvider provider : Registry.modelBackends().all()) {
      if (provider.accepts(model)) {
        try {
          return provider.open(model, options);
        } catch (ModelException e) {
          // The file was given and could not be loaded as a model (empty, truncated, another
          // model's shapes): bad input, like a malformed .npy file.
          throw new InvalidInputException("--surrogate " + model + ": " + e.getMessage(), e);
        }
      }
    }
    throw new InvalidInputException("--surrogate " + model + ": no model backend opens this file; available: "
        + Registry.modelBackends().all().stream().map(ModelBackendProvider::name).collect(Collectors.joining(", "))
        + " (onnx: *.onnx; djl: a .params file written by dp4tl)");
  }
}
