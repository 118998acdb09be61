package io.dp4tl.core.scoring;

import static io.dp4tl.api.spi.Evidence.SOURCE_LABELS;
import static io.dp4tl.api.spi.Evidence.TARGET_LABELS;
import static io.dp4tl.api.spi.Evidence.TARGET_LOGITS;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Level;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.spi.GroupScores;
import io.dp4tl.api.spi.Scorer;
import io.dp4tl.api.spi.ScorerInfo;
import io.dp4tl.api.spi.ScorerOption;
import io.dp4tl.api.spi.ScoringRequest;
import io.dp4tl.core.scoring.internal.CoverageAllocation;
import io.dp4tl.core.scoring.internal.Evidence;
import io.dp4tl.core.scoring.internal.LabelVotes;
import io.dp4tl.core.scoring.internal.TargetClassVotes;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-aware Label Mapping ({@code "lm-coverage"}): uses the target's labels to split the
 * argmax votes per target class, then orders source classes so that every target class keeps its
 * best-mapped source classes before any target class is served a second time. Option
 * {@code coverage.allocation}: {@code round-robin} (default; see
 * {@link CoverageAllocation#roundRobin}) or {@code greedy} (the one-to-one mapping of the
 * visual-prompting work; see {@link CoverageAllocation#greedyOneToOne}). The histogram is exact
 * LM's vote count; the score of the class at position p of the order is {@code S - p}.
 */
public final class CoverageLabelMappingScorer implements Scorer {
  /** Option: how source classes are allotted to the target classes. */
  public static final ScorerOption.Choice ALLOCATION = ScorerOption.choice("coverage.allocation", "round-robin",
      List.of("round-robin", "greedy"), "round-robin: every target class in turn takes its next best source class;"
          + " greedy: a one-to-one mapping by votes first");

  @Override
  public String name() {
    return "lm-coverage";
  }

  @Override
  public String description() {
    return "Coverage-aware Label Mapping: every target class keeps its best-mapped source classes first";
  }

  @Override
  public ScorerInfo info() {
    return ScorerInfo.of(Level.CLASS,
        EnumSet.of(TARGET_LOGITS, TARGET_LABELS, SOURCE_LABELS), ALLOCATION);
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidInputException if the target has no labels, labels and logits do not match, a
   *     logit is not finite, or the allocation option is unknown
   */
  @Override
  public GroupScores score(ScoringRequest request) {
    FloatMatrix logits = Evidence.targetLogits(request);
    String allocation = request.options().param(ALLOCATION);
    LabelVotes total = LabelVotes.count(request, logits);
    long[][] votes = TargetClassVotes.count(request, logits);
    int classes = logits.cols();
    int[] order = allocation.equals("greedy")
        ? CoverageAllocation.greedyOneToOne(votes, classes)
        : CoverageAllocation.roundRobin(votes, classes);
    double[] scores = new double[classes];
    for (int p = 0; p < order.length; p++) {
      scores[order[p]] = classes - p;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("allocation", allocation);
    details.put("targetClasses", votes.length);
    return GroupScores.ofGroups(Level.CLASS, scores, total.labels(), total.histogram(), details);
  }
}
