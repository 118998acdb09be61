package io.dp4tl.spark.internal;

import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Level;
import io.dp4tl.api.Provenance;
import io.dp4tl.api.Ranking;
import io.dp4tl.api.Selection;
import java.util.Map;

/**
 * Group-level selections for a source whose samples stay distributed: the selection records the
 * source's sample count and no sample indices (the kept rows are a Dataset). Ranking and keep rule
 * are dp4tl's ({@link Ranking}, {@link Selection.Builder}).
 */
public final class Cut {
  private Cut() {}

  /**
   * A selection from scores, ranked and cut as dp4tl-core does.
   *
   * @throws io.dp4tl.api.InvalidInputException if the rule keeps no group or more than exist
   */
  public static Selection of(String method, Level level, Map<String, Object> options, KeepRule rule,
      double[] histogram, double[] scores, Map<String, Object> details, int sourceSampleCount, long seed,
      Provenance provenance) {
    return Selection.builder().method(method).level(level).options(options).rule(rule).histogram(histogram)
        .scores(scores).ranking(Ranking.rank(scores)).sourceSampleCount(sourceSampleCount).keptSamples(new int[0])
        .seed(seed).details(details).provenance(provenance).build();
  }

  /** The same selection with the sample count of the distributed source, no sample indices, and new provenance. */
  public static Selection distributed(Selection local, int sourceSampleCount, Provenance provenance) {
    return Selection.builder().method(local.method()).level(local.level()).options(local.options())
        .rule(local.rule()).histogram(local.histogram()).scores(local.scores()).ranking(local.ranking())
        .sourceSampleCount(sourceSampleCount).keptSamples(new int[0]).seed(local.seed()).details(local.details())
        .provenance(provenance).build();
  }
}
