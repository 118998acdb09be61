package io.dp4tl.spark.internal;

import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Level;
import io.dp4tl.api.Provenance;
import io.dp4tl.api.Ranking;
import io.dp4tl.api.Selection;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cuts a group-level selection from scores exactly as dp4tl-core's {@code Scoring.select} does
 * (ranking by score then index, the keep rule on the ranked histogram or scores, the mass curve for
 * a share rule), for a source whose samples stay distributed: the selection records the source's
 * sample count and no sample indices (the kept rows are a Dataset).
 */
public final class Cut {
  private Cut() {}

  /**
   * @throws io.dp4tl.api.InvalidInputException if the rule keeps no group or more than exist
   */
  public static Selection of(String method, Level level, Map<String, Object> options, KeepRule rule,
      double[] histogram, double[] scores, Map<String, Object> details, int sourceSampleCount, long seed,
      Provenance provenance) {
    int[] ranking = Ranking.rank(scores);
    double[] evidence = histogram != null ? histogram : scores;
    double[] ranked = new double[ranking.length];
    for (int i = 0; i < ranking.length; i++) {
      ranked[i] = evidence[ranking[i]];
    }
    int keep = rule.resolve(ranked);
    Map<String, Object> d = new LinkedHashMap<>(details);
    if (rule.share() != null) {
      d.put("massCurve", KeepRule.massCurve(ranked));
    }
    int[] kept = Arrays.copyOf(ranking, keep);
    Arrays.sort(kept);
    return new Selection(Selection.FORMAT_VERSION, method, level, options, rule, keep, histogram, scores, ranking,
        kept, sourceSampleCount, new int[0], seed, d, provenance);
  }

  /** The same selection with the sample count of the distributed source, no sample indices, and new provenance. */
  public static Selection distributed(Selection local, int sourceSampleCount, Provenance provenance) {
    return new Selection(local.formatVersion(), local.method(), local.level(), local.options(), local.rule(),
        local.keep(), local.histogram(), local.scores(), local.ranking(), local.keptGroups(), sourceSampleCount,
        new int[0], local.seed(), local.details(), provenance);
  }
}
