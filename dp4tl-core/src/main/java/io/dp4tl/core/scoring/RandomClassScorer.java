package io.dp4tl.core.scoring;

import static io.dp4tl.api.spi.Evidence.SOURCE_LABELS;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Level;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.spi.GroupScores;
import io.dp4tl.api.spi.Scorer;
import io.dp4tl.api.spi.ScorerInfo;
import io.dp4tl.api.spi.ScoringRequest;
import io.dp4tl.core.scoring.internal.RandomRanks;
import java.util.EnumSet;
import java.util.Map;

/**
 * Random classes ({@code "random-class"}), a baseline: the source classes are put in a uniformly
 * random order drawn from the request's seed, so keeping N classes keeps N classes drawn uniformly
 * without replacement. Scores are the reversed positions in that order ({@code S} for the first
 * class, 1 for the last); no histogram. The classes are the source labels, their number the
 * source's {@code classCount}, or else the largest label plus one. Needs no target evidence.
 */
public final class RandomClassScorer implements Scorer {

  @Override
  public String name() {
    return "random-class";
  }

  @Override
  public String description() {
    return "Random classes (baseline): keep N source classes drawn uniformly with the seed";
  }

  @Override
  public ScorerInfo info() {
    return ScorerInfo.of(Level.CLASS, EnumSet.of(SOURCE_LABELS));
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidInputException if the source has no labels
   */
  @Override
  public GroupScores score(ScoringRequest request) {
    SourceData source = request.source();
    IntColumn labels = source.labels().orElseThrow(() -> new InvalidInputException(
        "random-class draws source classes, but source '" + source.name() + "' has no labels: give SourceData"
            + " labels, or use random-sample"));
    int classes = source.classCount().orElseGet(() -> labels.max() + 1);
    double[] scores = RandomRanks.scores(classes, request.options().seed());
    return GroupScores.ofGroups(Level.CLASS, scores, labels, null, Map.of());
  }
}
