package io.dp4tl.core.scoring;

import io.dp4tl.api.Level;
import io.dp4tl.api.spi.Evidence;
import io.dp4tl.api.spi.GroupScores;
import io.dp4tl.api.spi.Scorer;
import io.dp4tl.api.spi.ScorerInfo;
import io.dp4tl.api.spi.ScoringRequest;
import io.dp4tl.core.scoring.internal.RandomRanks;
import java.util.EnumSet;
import java.util.Map;

/**
 * Random samples ({@code "random-sample"}), a sample-level baseline: the source samples are put in
 * a uniformly random order drawn from the request's seed, and a selection keeps the first N. As at
 * every level, the keep rule counts the ranked units, here samples: a ratio r keeps
 * {@code N = n - round(r * n)} of the n source samples (dp4tl rule; to match the sample count of a
 * class-level selection, use {@code keep(selection.keptSampleCount())}). Needs no target evidence.
 */
public final class RandomSampleScorer implements Scorer {

  @Override
  public String name() {
    return "random-sample";
  }

  @Override
  public String description() {
    return "Random samples (baseline): keep N source samples drawn uniformly with the seed";
  }

  @Override
  public ScorerInfo info() {
    return ScorerInfo.of(Level.SAMPLE, EnumSet.noneOf(Evidence.class));
  }

  @Override
  public GroupScores score(ScoringRequest request) {
    return GroupScores.ofSamples(
        RandomRanks.scores(request.source().sampleCount(), request.options().seed()), Map.of());
  }
}
