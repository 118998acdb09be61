package io.dp4tl.core.scoring;

import io.dp4tl.api.Level;
import io.dp4tl.api.spi.Evidence;
import io.dp4tl.api.spi.ScorerInfo;
import java.util.EnumSet;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.spi.GroupScores;
import io.dp4tl.api.spi.Scorer;
import io.dp4tl.api.spi.ScoringRequest;
import io.dp4tl.core.scoring.internal.ForgettingEvents;
import io.dp4tl.core.scoring.internal.SampleEvidence;
import java.util.Map;

/**
 * Forgetting events ({@code "forgetting"}, Toneva et al. 2019), a sample-level baseline that
 * ignores the target: per source sample, the number of epochs t >= 1 at which it was classified
 * correctly at t - 1 and wrongly at t; a sample never classified correctly scores +infinity. The
 * most forgotten are kept, never-learned samples first.
 *
 * <p>Evidence: {@link io.dp4tl.api.data.TrainingSignals#correctness()}, epochs x samples, 0 or 1.
 */
public final class ForgettingScorer implements Scorer {

  @Override
  public String name() {
    return "forgetting";
  }

  @Override
  public String description() {
    return "Forgetting events (sample baseline): keep the most forgotten samples, never-learned first";
  }

  @Override
  public ScorerInfo info() {
    return ScorerInfo.of(Level.SAMPLE, EnumSet.of(Evidence.SOURCE_CORRECTNESS));
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidInputException if the source has no correctness matrix or a value
   *     in it is not 0 or 1 (names the array, row and column)
   */
  @Override
  public GroupScores score(ScoringRequest request) {
    FloatMatrix correctness = SampleEvidence.signals(request.source(), name(), "the per-epoch correctness")
        .correctnessMatrix()
        .orElseThrow(() -> new InvalidInputException("forgetting needs the per-epoch correctness of"
            + " every source sample (TrainingSignals.correctness, epochs x samples; dp4tl select:"
            + " --source-correctness)"));
    return GroupScores.ofSamples(ForgettingEvents.count(correctness, request.control()),
        Map.of("epochs", correctness.rows()));
  }
}
