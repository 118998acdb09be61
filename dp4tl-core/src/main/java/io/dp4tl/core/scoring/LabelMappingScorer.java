package io.dp4tl.core.scoring;

import static io.dp4tl.api.spi.Evidence.SOURCE_LABELS;
import static io.dp4tl.api.spi.Evidence.TARGET_LOGITS;

import io.dp4tl.api.Level;
import io.dp4tl.api.spi.GroupScores;
import io.dp4tl.api.spi.Scorer;
import io.dp4tl.api.spi.ScorerInfo;
import io.dp4tl.api.spi.ScoringRequest;
import io.dp4tl.core.scoring.internal.LabelVotes;
import java.util.EnumSet;
import java.util.Map;

/**
 * Label Mapping ({@code "lm"}): every target sample votes for the source class its surrogate
 * prediction argmaxes (lowest class on a tie); classes rank by votes, descending, then by index.
 *
 * <p>Evidence: the target's logits, given or computed by the request's surrogate over the target
 * images. Their width must equal the number of source classes ({@code classCount} when the source
 * states it; otherwise every label must be below the width). Groups are the source labels
 * ({@link Level#CLASS}); scores and histogram are the vote counts.
 */
public final class LabelMappingScorer implements Scorer {

  @Override
  public String name() {
    return "lm";
  }

  @Override
  public String description() {
    return "Label Mapping: source classes ranked by the surrogate's argmax votes over the target";
  }

  @Override
  public ScorerInfo info() {
    return ScorerInfo.of(Level.CLASS, EnumSet.of(TARGET_LOGITS, SOURCE_LABELS));
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.dp4tl.api.InvalidInputException if the source has no labels, the logit width does
   *     not match the source classes, or a logit is not finite
   */
  @Override
  public GroupScores score(ScoringRequest request) {
    LabelVotes votes = LabelVotes.count(request);
    double[] histogram = votes.histogram();
    return GroupScores.ofGroups(Level.CLASS, histogram, votes.labels(), histogram, Map.of());
  }
}
