package io.dp4tl.core.scoring.internal;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.api.spi.ScoringRequest;
import io.dp4tl.core.inference.InferencePass;
import java.util.Optional;

/**
 * The matrices a scorer works on: taken from the request's data when given precomputed, else
 * computed by running the request's surrogate over the images ({@link InferencePass}). Every
 * matrix is named ("target logits", "source features") so that errors say which input is wrong.
 */
public final class Evidence {
  private Evidence() {}

  /**
   * The target's logits.
   *
   * @throws InvalidInputException if there are neither logits nor target images and a surrogate
   */
  public static FloatMatrix targetLogits(ScoringRequest request) {
    Optional<FloatMatrix> given = request.target().logits();
    FloatMatrix logits = given.isPresent()
        ? given.get()
        : infer(request, request.target().images(), "target", true, "logits",
            "give the target's logits (TargetData logits) or target images and a surrogate(model)");
    return NamedMatrix.of(logits, "target logits");
  }

  /**
   * The target's features.
   *
   * @throws InvalidInputException if there are neither features nor target images and a surrogate
   */
  public static FloatMatrix targetFeatures(ScoringRequest request) {
    Optional<FloatMatrix> given = request.target().features();
    FloatMatrix features = given.isPresent()
        ? given.get()
        : infer(request, request.target().images(), "target", false, "features",
            "give the target's features (TargetData features) or target images and a surrogate(model)");
    return NamedMatrix.of(features, "target features");
  }

  /**
   * The source's features.
   *
   * @throws InvalidInputException if there are neither features nor source images and a surrogate
   */
  public static FloatMatrix sourceFeatures(ScoringRequest request) {
    Optional<FloatMatrix> given = request.source().features();
    FloatMatrix features = given.isPresent()
        ? given.get()
        : infer(request, request.source().images(), "source", false, "features",
            "give the source's features (SourceData features) or source images and a surrogate(model)");
    return NamedMatrix.of(features, "source features");
  }

  private static FloatMatrix infer(ScoringRequest request, Optional<ImageSet> images, String what, boolean logits,
      String output, String remedy) {
    Optional<ModelBackend> model = request.surrogateModel();
    if (images.isEmpty() || model.isEmpty()) {
      throw new InvalidInputException(request.options().method() + " needs " + what + " " + output + ", but "
          + (images.isEmpty() ? "the " + what + " has no " + output + " and no images" : "no surrogate model is set")
          + ": " + remedy);
    }
    InferencePass pass =
        new InferencePass(model.get(), images.get(), what, logits, !logits, request.options().batchSize());
    InferencePass.Result result = pass.run(request.control());
    return (logits ? result.logits() : result.features()).orElseThrow();
  }
}
