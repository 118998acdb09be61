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
  private final String fingerprintAlgorithm;
  private final Map<String, String> fingerprints;
  private final Map<String, Long> timings;
  private final String engine;
  private final String device;

  Scoring(
      PruneOptions options,
      GroupScores scores,
      String fingerprintAlgorithm,
      Map<String, String> fingerprints,
      Map<String, Long> timings,
      String engine,
      String device) {
    this.options = requireNonNull(options);
    this.scores = requireNonNull(scores);
    this.ranking = Ranking.rank(scores.scores());
    this.fingerprintAlgorithm = requireNonNull(fingerprintAlgorithm);
    this.fingerprints = ImmutableMap.copyOf(fingerprints);
    this.timings = new LinkedHashMap<>(timings);
    this.engine = engine;
    this.device = device;
  }

  /**
   * The {@code details} key of a per-stratum selection: {@code {"sizes": [n_c...], "keep": [N_c...]}}.
   */
  public static final String STRATA = "strata";

  /** The scorer's output. */
  public GroupScores scores() {
    return scores;
  }

  /**
   * The scores a selection records: at sample level in float32 precision, as the {@code scores.npy}
   * sidecar stores them (the ranking was made from the scorer's doubles).
   */
  private double[] recordedScores() {
    double[] s = scores.scores();
    if (scores.level() == Level.SAMPLE) {
      for (int i = 0; i < s.length; i++) {
        s[i] = (float) s[i];
      }
    }
    return s;
  }

  /**
   * The ranking of a per-stratum cut: the samples each stratum keeps (its first {@code keep[c]} in
   * ranking order) in ranking order, then the others in ranking order.
   */
  private int[] keptFirst(int[] strata, int[] keep) {
    int[] taken = new int[keep.length];
    int[] order = new int[ranking.length];
    int front = 0;
    int back = Arrays.stream(keep).sum();
    for (int g : ranking) {
      int c = strata[g];
      if (taken[c] < keep[c]) {
        taken[c]++;
        order[front++] = g;
      } else {
        order[back++] = g;
      }
    }
    return order;
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
    return Ranking.inOrder(scores.histogram().orElseGet(scores::scores), ranking);
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
    double[] groupScores = recordedScores();
    Map<String, Object> details = new LinkedHashMap<>(scores.details());
    int keep;
    int[] order;
    if (scores.strata().isPresent()) {
      int[] strata = scores.strata().orElseThrow();
      int[] sizes = new int[Arrays.stream(strata).max().orElse(-1) + 1];
      for (int c : strata) {
        sizes[c]++;
      }
      int[] perStratum = StratifiedKeep.counts(rule, sizes);
      order = keptFirst(strata, perStratum);
      keep = Arrays.stream(perStratum).sum();
      details.put(STRATA, Map.of("sizes", sizes, "keep", perStratum));
    } else {
      // Sample-level scores as recorded (float32), so that the selection re-derives the same N.
      double[] evidence = scores.histogram().orElse(groupScores);
      double[] ranked = new double[groups];
      for (int i = 0; i < groups; i++) {
        ranked[i] = evidence[ranking[i]];
      }
      keep = rule.resolve(ranked);
      if (rule instanceof KeepRule.Share) {
        details.put("massCurve", KeepRule.massCurve(ranked));
      }
      order = ranking;
    }
    int[] kept = Arrays.copyOf(order, keep);
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
        fingerprintAlgorithm,
        fingerprints,
        t);
    return Selection.builder()
        .method(options.method())
        .level(scores.level())
        .options(options.asMap())
        .rule(rule)
        .scores(groupScores)
        .ranking(order)
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
