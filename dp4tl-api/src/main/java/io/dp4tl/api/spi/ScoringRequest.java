package io.dp4tl.api.spi;

import static java.util.Objects.requireNonNull;

import io.dp4tl.api.PruneOptions;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.api.progress.RunControl;
import java.util.Optional;

/**
 * Everything a {@link Scorer} gets for one call.
 *
 * @param target the target's training samples or their precomputed outputs
 * @param source the source dataset
 * @param surrogate the surrogate model, or {@code null} when outputs are precomputed
 * @param options validated options (seed, threads, clusters, scorer parameters)
 * @param control progress and cancellation
 */
public record ScoringRequest(
    TargetData target, SourceData source, ModelBackend surrogate, PruneOptions options, RunControl control) {

  public ScoringRequest {
    requireNonNull(target, "target");
    requireNonNull(source, "source");
    requireNonNull(options, "options");
    requireNonNull(control, "control");
  }

  /** The surrogate, if one was given. */
  public Optional<ModelBackend> surrogateModel() {
    return Optional.ofNullable(surrogate);
  }
}
