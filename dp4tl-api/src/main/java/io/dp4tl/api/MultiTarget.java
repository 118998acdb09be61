package io.dp4tl.api;

import io.dp4tl.api.data.TargetData;
import io.dp4tl.api.spi.GroupScores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines one scorer's results over several targets: each target's scores (and histogram) are
 * divided by that target's sample count, multiplied by its weight and summed.
 */
final class MultiTarget {
  private MultiTarget() {}

  /**
   * @throws InvalidInputException if the per-target results disagree on the grouping of the source
   */
  static GroupScores combine(List<GroupScores> each, List<TargetData> targets, double[] weights) {
    GroupScores first = each.get(0);
    int groups = first.groupCount();
    double[] scores = new double[groups];
    boolean withHistogram = each.stream().allMatch(g -> g.histogram().isPresent());
    double[] histogram = withHistogram ? new double[groups] : null;
    List<Object> perTarget = new ArrayList<>();
    for (int t = 0; t < each.size(); t++) {
      GroupScores g = each.get(t);
      checkSameGrouping(first, g, t);
      double w = (weights == null ? 1.0 : weights[t]) / targets.get(t).sampleCount();
      double[] s = g.scores();
      for (int i = 0; i < groups; i++) {
        scores[i] += w * s[i];
      }
      if (withHistogram) {
        double[] h = g.histogram().orElseThrow();
        for (int i = 0; i < groups; i++) {
          histogram[i] += w * h[i];
        }
      }
      Map<String, Object> d = new LinkedHashMap<>(g.details());
      d.put("name", targets.get(t).name());
      d.put("samples", targets.get(t).sampleCount());
      d.put("weight", weights == null ? 1.0 : weights[t]);
      g.histogram().ifPresent(h -> d.put("histogram", h));
      perTarget.add(d);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("targets", perTarget);
    if (first.level() == Level.SAMPLE) {
      return first.strata().map(strata -> GroupScores.ofStratifiedSamples(scores, strata, details))
          .orElseGet(() -> GroupScores.ofSamples(scores, details));
    }
    return GroupScores.ofGroups(first.level(), scores, first.sampleGroups().orElseThrow(), histogram, details);
  }

  private static void checkSameGrouping(GroupScores a, GroupScores b, int target) {
    boolean same = a.level() == b.level() && a.groupCount() == b.groupCount() && a.sampleCount() == b.sampleCount();
    for (int i = 0; same && i < a.sampleCount(); i++) {
      same = a.groupOf(i) == b.groupOf(i);
    }
    if (!same) {
      throw new InvalidInputException("target " + target + " grouped the source differently from target 0; "
          + "multi-target selection needs one grouping (give source groups or labels, or a seeded clustering)");
    }
  }
}
