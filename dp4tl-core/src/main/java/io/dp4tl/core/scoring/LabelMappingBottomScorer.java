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
 * The "bottom" ablation of Label Mapping ({@code "lm-bottom"}): the same vote histogram as
 * {@link LabelMappingScorer}, but the least-voted classes rank first (scores are the negated
 * counts). Equal counts rank by class index ascending, as everywhere in dp4tl (dp4tl rule; it is
 * therefore not the exact reverse of the Label Mapping ranking). A sanity baseline: it should
 * transfer worse than Label Mapping.
 */
public final class LabelMappingBottomScorer implements Scorer {

  @Override
  public String name() {
    return "lm-bottom";
  }

  @Override
  public String description() {
    return "Label Mapping reversed: the least-voted source classes first (a sanity baseline)";
  }

  @Override
  public ScorerInfo info() {
    return ScorerInfo.of(Level.CLASS, EnumSet.of(TARGET_LOGITS, SOURCE_LABELS));
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.dp4tl.api.InvalidInputException as {@link LabelMappingScorer#score}
   */
  @Override
  public GroupScores score(ScoringRequest request) {
    LabelVotes votes = LabelVotes.count(request);
    double[] histogram = votes.histogram();
    double[] scores = new double[histogram.length];
    for (int c = 0; c < scores.length; c++) {
      scores[c] = -histogram[c];
    }
    return GroupScores.ofGroups(Level.CLASS, scores, votes.labels(), histogram, Map.of());
  }
}
