package io.dp4tl.core.scoring;

import io.dp4tl.api.Level;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.spi.Evidence;
import io.dp4tl.api.spi.ScorerInfo;
import java.util.EnumSet;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.TrainingSignals;
import io.dp4tl.api.spi.GroupScores;
import io.dp4tl.api.spi.Scorer;
import io.dp4tl.api.spi.ScoringRequest;
import io.dp4tl.core.scoring.internal.ErrorNorms;
import io.dp4tl.core.scoring.internal.SampleEvidence;
import java.util.List;
import java.util.Map;

/**
 * GraNd, last-layer form ({@code "grand"}, Paul et al. 2021), a sample-level baseline that ignores
 * the target: the norm of the cross-entropy gradient with respect to the last (linear) layer's
 * weights and bias, {@code ||softmax(z) - onehot(y)|| * sqrt(1 + ||h||^2)} with h the penultimate
 * feature, averaged over R runs; the largest are kept.
 *
 * <p>The reference's GraNd is the gradient norm over <em>all</em> parameters, which needs a
 * backward pass per sample (R x n per-sample gradients: the expensive variant). The last-layer
 * form needs only each run's logits and penultimate features. The two order samples alike when
 * the last layer dominates the gradient (early in training, as GraNd is used); they differ when
 * earlier layers' gradients vary across samples independently of the last layer's (e.g. samples
 * with unusual low-level statistics but ordinary features).
 *
 * <p>Evidence: {@link TrainingSignals#logits()} and {@link TrainingSignals#features()} (R pairs)
 * and the source labels.
 */
public final class GrandScorer implements Scorer {

  @Override
  public String name() {
    return "grand";
  }

  @Override
  public String description() {
    return "GraNd, last layer (sample baseline): keep the samples with the largest mean"
        + " ||softmax(z) - onehot(y)|| * sqrt(1 + ||h||^2) over R runs";
  }

  @Override
  public ScorerInfo info() {
    return ScorerInfo.of(Level.SAMPLE,
        EnumSet.of(Evidence.SOURCE_LOGITS, Evidence.SOURCE_RUN_FEATURES, Evidence.SOURCE_LABELS));
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidInputException if the source has no logits, features or labels, a label is
   *     outside the logits' classes, or a value is not finite (names the array and row)
   */
  @Override
  public GroupScores score(ScoringRequest request) {
    List<FloatMatrix> logits = SampleEvidence.logits(request.source(), name());
    TrainingSignals signals = request.source().signals().orElseThrow();
    if (signals.features().isEmpty()) {
      throw new InvalidInputException("grand needs the penultimate source features of each of the " + logits.size()
          + " runs (TrainingSignals.features; dp4tl select: --source-features H.npy[,...])");
    }
    IntColumn labels = SampleEvidence.labels(request.source(), name(), logits.get(0).cols(), logits.get(0));
    double[] scores = ErrorNorms.mean(logits, signals.features(), labels, request.options().threads(),
        request.control());
    return GroupScores.ofSamples(scores, Map.of("runs", logits.size()));
  }
}
