package io.dp4tl.api;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Stopwatch;
import com.google.common.collect.ImmutableMap;
import io.dp4tl.api.spi.GroupScores;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scores of one scoring pass, from which any number of selections can be cut: one inference pass
 * over the target gives the histogram, and every ratio is then free.
 */
public final class Scoring {
  private final PruneOptions options;
  private final GroupScores scores;
  private final int[] ranking;
  private final Map<String, String> fingerprints;
  private final Map<String, Long> timings;
  private final String engine;
  private final String device;

  Scoring(
      PruneOptions options,
      GroupScores scores,
      Map<String, String> fingerprints,
      Map<String, Long> timings,
      String engine,
      String device) {
    this.options = requireNonNull(options);
    this.scores = requireNonNull(scores);
    this.ranking = Ranking.rank(scores.scores());
    this.fingerprints = ImmutableMap.copyOf(fingerprints);
    this.timings = new LinkedHashMap<>(timings);
    this.engine = engine;
    this.device = device;
  }

  /** The scorer's output. */
  public GroupScores scores() {
    return scores;
  }

  /** Every group, best first. */
  public int[] ranking() {
    return ranking.clone();
  }

  /**
   * The evidence of every group in ranking order (best first): the histogram where the scorer
   * gives one (e.g. LM's votes), else the scores. What a {@link KeepRule.Share} rule measures.
   */
  public double[] rankedEvidence() {
    double[] evidence = scores.histogram().orElseGet(scores::scores);
    double[] ranked = new double[ranking.length];
    for (int i = 0; i < ranked.length; i++) {
      ranked[i] = evidence[ranking[i]];
    }
    return ranked;
  }

  /**
   * Cumulative share of the evidence carried by the top 1, 2, ... groups: entry {@code n - 1} is
   * what keeping {@code n} groups keeps of the target's mapped mass.
   *
   * @throws InvalidInputException if the evidence is negative or all zero, so it is no mass
   */
  public double[] massCurve() {
    return KeepRule.massCurve(rankedEvidence());
  }

  /**
   * Cuts a selection: the first N ranked groups and every source sample in them, in source order.
   *
   * @throws InvalidInputException if the rule keeps no group or more groups than exist
   */
  public Selection select(KeepRule rule) {
    Stopwatch watch = Stopwatch.createStarted();
    int groups = scores.groupCount();
    double[] ranked = rankedEvidence();
    int keep = rule.resolve(ranked);
    Map<String, Object> details = new LinkedHashMap<>(scores.details());
    if (rule instanceof KeepRule.Share) {
      details.put("massCurve", KeepRule.massCurve(ranked));
    }
    int[] kept = Arrays.copyOf(ranking, keep);
    Arrays.sort(kept);
    boolean[] isKept = new boolean[groups];
    for (int g : kept) {
      isKept[g] = true;
    }
    int n = scores.sampleCount();
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (isKept[scores.groupOf(i)]) {
        count++;
      }
    }
    int[] samples = new int[count];
    for (int i = 0, j = 0; i < n; i++) {
      if (isKept[scores.groupOf(i)]) {
        samples[j++] = i;
      }
    }
    Map<String, Long> t = new LinkedHashMap<>(timings);
    t.put("selection", watch.elapsed(TimeUnit.MILLISECONDS));
    Provenance provenance = new Provenance(
        Version.get(),
        Instant.now().toString(),
        options.threads(),
        System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        engine,
        device,
        fingerprints,
        t);
    return Selection.builder()
        .method(options.method())
        .level(scores.level())
        .options(options.asMap())
        .rule(rule)
        .scores(scores.scores())
        .ranking(ranking)
        .sourceSampleCount(n)
        .keptSamples(samples)
        .seed(options.seed())
        .details(details)
        .provenance(provenance)
        .histogram(scores.histogram().orElse(null))
        .build();
  }

  /** What was scored, the top of the ranking, and how to cut a selection from it. */
  @Override
  public String toString() {
    return String.format("Scoring %s: %d %s of %d source samples, seed %d%n", options.method(), scores.groupCount(),
        scores.level().units(), scores.sampleCount(), options.seed())
        + Summaries.top(ranking, scores.histogram().orElseGet(scores::scores))
        + "  cut with select(KeepRule.ratio(r)), select(KeepRule.count(n)) or select(KeepRule.share(s))";
  }
}
