package io.dp4tl.core.manifest;

import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Level;
import io.dp4tl.api.Provenance;
import io.dp4tl.api.Ranking;
import io.dp4tl.api.Selection;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/** Selections built by hand for codec tests: the numbers of the lm-tiny parity case, and a sample-level one. */
final class TestSelections {
  /** Source labels of the lm-tiny parity case. */
  static final int[] LM_TINY_LABELS = {
    4, 6, 6, 9, 7, 2, 7, 8, 7, 0, 0, 7, 6, 8, 8, 8, 7, 4, 6, 7, 1, 5, 0, 6, 9, 0, 1, 6, 5, 5,
    5, 7, 8, 7, 2, 8, 3, 6, 1, 3, 7, 6, 6, 9, 8, 5, 5, 0, 5, 4, 4, 9, 9, 1, 8, 0, 5, 0, 3, 5
  };
  /** Label Mapping histogram of the lm-tiny parity case. */
  static final double[] LM_TINY_HISTOGRAM = {4, 0, 4, 2, 1, 4, 3, 2, 3, 2};

  private TestSelections() {}

  /** Label Mapping over lm-tiny, cut by {@code rule} (any kind), with options and details as given. */
  static Selection lmTiny(KeepRule rule, Map<String, Object> options, Map<String, Object> details) {
    int[] ranking = Ranking.rank(LM_TINY_HISTOGRAM);
    int keep = rule.resolve(Arrays.stream(ranking).mapToDouble(g -> LM_TINY_HISTOGRAM[g]).toArray());
    int[] kept = Arrays.copyOf(ranking, keep);
    Arrays.sort(kept);
    int[] samples = IntStream.range(0, LM_TINY_LABELS.length)
        .filter(i -> Arrays.binarySearch(kept, LM_TINY_LABELS[i]) >= 0)
        .toArray();
    return Selection.builder().method("lm").level(Level.CLASS).options(options).rule(rule)
        .histogram(LM_TINY_HISTOGRAM).scores(LM_TINY_HISTOGRAM).ranking(ranking).sourceSampleCount(LM_TINY_LABELS.length)
        .keptSamples(samples).details(details).provenance(provenance()).build();
  }

  /** Label Mapping over lm-tiny at ratio 0.5, with typical options and details. */
  static Selection lmTiny() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("seed", 0L);
    options.put("batchSize", 64);
    options.put("device", "cpu");
    return lmTiny(KeepRule.ratio(0.5), options, Map.of("targetSamples", 25));
  }

  /** A sample-level selection of 12 samples by score, ratio 0.6 (keeps 5), one score infinite. */
  static Selection sampleLevel() {
    double[] scores = {0.25, 0.75, Double.NEGATIVE_INFINITY, 0.5, 0.125, 0.875, 0.375, 0.625, 0.0625, 0.9375,
        0.3125, 0.6875};
    int[] ranking = Ranking.rank(scores);
    KeepRule.Ratio rule = KeepRule.ratio(0.6);
    int keep = rule.resolve(scores.length);
    int[] kept = Arrays.copyOf(ranking, keep);
    Arrays.sort(kept);
    return Selection.builder().method("random-sample").level(Level.SAMPLE).options(Map.of("seed", 3L)).rule(rule)
        .scores(scores).ranking(ranking).sourceSampleCount(scores.length).keptSamples(kept).seed(3L)
        .provenance(provenance()).build();
  }

  static Provenance provenance() {
    Map<String, String> fingerprints = new LinkedHashMap<>();
    fingerprints.put("target.logits", "aa".repeat(32));
    fingerprints.put("source.labels", "bb".repeat(32));
    Map<String, Long> timings = new LinkedHashMap<>();
    timings.put("scoring", 12L);
    timings.put("selection", 1L);
    return new Provenance("0.1.0-SNAPSHOT", "2025-01-02T03:04:05Z", 2, "Eclipse Adoptium 25", "Linux amd64",
        "none", "cpu", fingerprints, timings);
  }
}
