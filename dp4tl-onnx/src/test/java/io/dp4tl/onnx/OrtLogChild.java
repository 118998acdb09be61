package io.dp4tl.onnx;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.core.image.Preprocessing;
import java.nio.file.Path;

/**
 * Opens a model file ({@code args[0]}) for RGB input of size {@code args[1]} ({@code WxH}) in a JVM
 * of its own, for {@link OrtLogLinesTest}: ONNX Runtime logs to the process's stderr.
 */
final class OrtLogChild {
  private OrtLogChild() {}

  public static void main(String[] args) {
    String[] size = args[1].split("x");
    Preprocessing input = Preprocessing.builder().size(Integer.parseInt(size[0]), Integer.parseInt(size[1]))
        .channels(3).build();
    try (OnnxBackend backend = OnnxBackend.open(Path.of(args[0]), OnnxOptions.builder(input).build())) {
      System.out.println("opened " + backend.info().name());
    } catch (InvalidInputException e) {
      System.out.println("refused");
    }
  }
}
