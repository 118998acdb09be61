package io.dp4tl.core.scoring;

import static io.dp4tl.api.spi.Evidence.SOURCE_LABELS;
import static io.dp4tl.api.spi.Evidence.TARGET_LOGITS;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Level;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.spi.GroupScores;
import io.dp4tl.api.spi.Scorer;
import io.dp4tl.api.spi.ScorerInfo;
import io.dp4tl.api.spi.ScorerOption;
import io.dp4tl.api.spi.ScoringRequest;
import io.dp4tl.core.scoring.internal.Evidence;
import io.dp4tl.core.scoring.internal.LabelVotes;
import io.dp4tl.core.scoring.internal.SoftVotes;
import java.util.EnumSet;
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
  /** Option: the softmax temperature T (probabilities of logits / T). */
  public static final ScorerOption.Decimal TEMPERATURE = ScorerOption.decimal("soft.temperature", 1, 0, true,
      "softmax temperature: probabilities of logits / T");
  /** Option: add only each sample's k most probable classes (0: all). */
  public static final ScorerOption.Whole TOP_K = ScorerOption.whole("soft.topk", 0, 0,
      "add only each target sample's k most probable classes (0: all)");

  @Override
  public String name() {
    return "lm-soft";
  }

  @Override
  public String description() {
    return "Soft Label Mapping: source classes ranked by summed softmax probability over the target";
  }

  @Override
  public ScorerInfo info() {
    return ScorerInfo.of(Level.CLASS, EnumSet.of(TARGET_LOGITS, SOURCE_LABELS), TEMPERATURE, TOP_K);
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
    IntColumn labels = LabelVotes.checkedLabels(request, logits);
    double temperature = request.options().param(TEMPERATURE);
    int topK = request.options().param(TOP_K);
    double[] mass = SoftVotes.mass(logits, temperature, topK, request.options().threads(), request.control());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("temperature", temperature);
    details.put("topK", topK);
    return GroupScores.ofGroups(Level.CLASS, mass, labels, mass, details);
  }
}
