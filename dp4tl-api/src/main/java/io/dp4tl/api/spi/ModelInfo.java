package io.dp4tl.api.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Description of a surrogate model.
 *
 * @param name human-readable model name (file name, network name)
 * @param engine the engine that runs it, e.g. {@code "onnxruntime 1.29.0"}
 * @param device where it runs, e.g. {@code "cpu"}
 * @param fingerprint SHA-256 (hex) of the model bytes or weights
 * @param inputShape per-sample input shape (e.g. C, H, W); empty for models that need no pixels
 * @param logitWidth number of classes the model scores, or 0 if it gives no logits
 * @param featureWidth width of its feature output, or 0 if it gives no features
 */
public record ModelInfo(
    String name, String engine, String device, String fingerprint, int[] inputShape, int logitWidth, int featureWidth) {

  /**
   * @throws IllegalArgumentException if widths are negative or the input shape is not positive
   */
  public ModelInfo {
    requireNonNull(name, "name");
    requireNonNull(engine, "engine");
    requireNonNull(device, "device");
    requireNonNull(fingerprint, "fingerprint");
    inputShape = inputShape.clone();
    for (int d : inputShape) {
      checkArgument(d > 0, "input dimensions must be positive");
    }
    checkArgument(logitWidth >= 0 && featureWidth >= 0, "widths must be >= 0");
  }

  /** Floats per encoded sample. */
  public int inputElements() {
    int n = 1;
    for (int d : inputShape) {
      n *= d;
    }
    return inputShape.length == 0 ? 0 : n;
  }

  @Override
  public int[] inputShape() {
    return inputShape.clone();
  }
}
