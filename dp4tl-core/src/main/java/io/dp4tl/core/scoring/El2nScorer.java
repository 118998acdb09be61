package io.dp4tl.core.scoring;

import io.dp4tl.api.Level;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.spi.Evidence;
import io.dp4tl.api.spi.ScorerInfo;
import java.util.EnumSet;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.spi.GroupScores;
import io.dp4tl.api.spi.Scorer;
import io.dp4tl.api.spi.ScoringRequest;
import io.dp4tl.core.scoring.internal.ErrorNorms;
import io.dp4tl.core.scoring.internal.SampleEvidence;
import java.util.List;
import java.util.Map;

/**
 * EL2N ({@code "el2n"}, Paul et al. 2021), a sample-level baseline that ignores the target: per
 * source sample, {@code (1/R) sum_r ||softmax(z_r) - onehot(y)||_2} over the logits {@code z_r} of
 * R models trained briefly on the source; the largest scores (the hardest samples) are kept. A
 * ratio r keeps {@code N = n - round(r * n)} samples; ties go to the lower index.
 *
 * <p>Evidence: {@link io.dp4tl.api.data.TrainingSignals#logits()} (R arrays, n x S) and the
 * source labels, each in [0, S).
 */
public final class El2nScorer implements Scorer {

  @Override
  public String name() {
    return "el2n";
  }

  @Override
  public String description() {
    return "EL2N (sample baseline): keep the samples with the largest mean ||softmax(z) - onehot(y)|| over R runs";
  }

  @Override
  public ScorerInfo info() {
    return ScorerInfo.of(Level.SAMPLE, EnumSet.of(Evidence.SOURCE_LOGITS, Evidence.SOURCE_LABELS));
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.dp4tl.api.InvalidInputException if the source has no logits or labels, a label is
   *     outside the logits' classes, or a logit is not finite (names the array and row)
   */
  @Override
  public GroupScores score(ScoringRequest request) {
    List<FloatMatrix> logits = SampleEvidence.logits(request.source(), name());
    IntColumn labels = SampleEvidence.labels(request.source(), name(), logits.get(0).cols(), logits.get(0));
    double[] scores = ErrorNorms.mean(logits, List.of(), labels, request.options().threads(), request.control());
    return GroupScores.ofSamples(scores, Map.of("runs", logits.size()));
  }
}
