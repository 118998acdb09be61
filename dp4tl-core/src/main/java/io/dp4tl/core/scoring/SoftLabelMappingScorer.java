package io.dp4tl.core.scoring;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Level;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.spi.GroupScores;
import io.dp4tl.api.spi.Scorer;
import io.dp4tl.api.spi.ScoringRequest;
import io.dp4tl.core.scoring.internal.Evidence;
import io.dp4tl.core.scoring.internal.LabelVotes;
import io.dp4tl.core.scoring.internal.SoftVotes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Soft Label Mapping ({@code "lm-soft"}): a source class's score is the softmax probability it
 * receives, summed over the target samples, so every class gets graded evidence and no class is
 * kept by index-order tie fill. Options: {@code soft.temperature} (T, default 1: probabilities of
 * logits / T; pass logits, not probabilities) and {@code soft.topk} (default 0 = all classes; k > 0
 * adds only each sample's k most probable classes, the "top-k mass" variant). Exact LM ({@code lm})
 * is unchanged; this is an alternative beyond the paper.
 */
public final class SoftLabelMappingScorer implements Scorer {

  @Override
  public String name() {
    return "lm-soft";
  }

  @Override
  public String description() {
    return "Soft Label Mapping: source classes ranked by summed softmax probability over the target";
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidInputException if labels and logits do not match, a logit is not finite, or an
   *     option is malformed
   */
  @Override
  public GroupScores score(ScoringRequest request) {
    FloatMatrix logits = Evidence.targetLogits(request);
    int[] labels = LabelVotes.checkedLabels(request, logits);
    double temperature = request.options().param("soft.temperature", 1.0);
    double topK = request.options().param("soft.topk", 0);
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new InvalidInputException("soft.temperature must be > 0, got " + temperature);
    }
    if (topK < 0 || topK != Math.rint(topK)) {
      throw new InvalidInputException("soft.topk must be a whole number >= 0, got " + topK);
    }
    double[] mass = SoftVotes.mass(logits, temperature, (int) topK, request.options().threads(), request.control());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("temperature", temperature);
    details.put("topK", (int) topK);
    return GroupScores.ofGroups(Level.CLASS, mass, labels, mass, details);
  }
}
