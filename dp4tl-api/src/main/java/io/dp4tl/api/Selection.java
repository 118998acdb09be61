package io.dp4tl.api;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.spi.Details;
import io.dp4tl.api.spi.SelectionCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The result of pruning: which source groups (classes, clusters) and samples to keep, why (the
 * scores and full ranking) and how it was made (options, seed, provenance). Immutable: arrays are
 * copied in and out. Portable as {@code selection.json} + {@code kept-samples.<hash>.npy} through
 * {@link #write(Path)} and {@link #read(Path)}; see {@code docs/manifest.md} for the schema.
 *
 * <p>Two selections are equal when they select the same thing for the same reasons: method,
 * level, rule, seed, options, scores, histogram, ranking, kept samples and details, numbers by
 * value (a {@code Long} option read back as an {@code Integer}, an {@code int[]} detail read back
 * as a list, are equal). The {@link #provenance()} (times, thread count, machine) and the
 * {@link #formatVersion()} are left out, so two identical runs, or a selection and the one read
 * back from its artifact, are equal.
 */
public final class Selection {

  /**
   * The manifest format this library writes: 3 (sample-level scores in a float32 sidecar); it
   * reads 1 to 3.
   */
  public static final int FORMAT_VERSION = 3;

  private final int formatVersion;
  private final String method;
  private final Level level;
  private final Map<String, Object> options;
  private final KeepRule rule;
  private final int keep;
  private final double[] histogram;
  private final double[] scores;
  private final int[] ranking;
  private final int[] keptGroups;
  private final int sourceSampleCount;
  private final int[] keptSamples;
  private final long seed;
  private final Map<String, Object> details;
  private final Provenance provenance;

  private Selection(Builder b) {
    checkState(b.method != null && b.level != null && b.rule != null && b.scores != null && b.ranking != null
            && b.sourceSampleCount != null && b.keptSamples != null && b.provenance != null,
        "set method, level, rule, scores, ranking, sourceSampleCount, keptSamples and provenance before build()");
    formatVersion = b.formatVersion;
    method = b.method;
    level = b.level;
    options = Details.copyOf(b.options);
    rule = b.rule;
    histogram = b.histogram;
    scores = b.scores;
    ranking = b.ranking;
    sourceSampleCount = b.sourceSampleCount;
    keptSamples = b.keptSamples;
    seed = b.seed;
    details = Details.copyOf(b.details);
    provenance = b.provenance;
    int groups = scores.length;
    checkArgument(histogram == null || histogram.length == groups, "histogram and scores differ in length");
    checkArgument(ranking.length == groups, "ranking has %s groups, scores %s", ranking.length, groups);
    checkArgument(formatVersion >= 1 && formatVersion <= FORMAT_VERSION,
        "format version %s is not one this library knows (1 to %s)", formatVersion, FORMAT_VERSION);
    checkArgument(sourceSampleCount >= 0, "sourceSampleCount must be >= 0, got %s", sourceSampleCount);
    boolean[] ranked = new boolean[groups];
    for (int g : ranking) {
      checkArgument(g >= 0 && g < groups && !ranked[g], "ranking must list every group once; %s is out of range or"
          + " repeated", g);
      ranked[g] = true;
    }
    keep = details.containsKey(Scoring.STRATA)
        ? StratifiedKeep.total(rule, details.get(Scoring.STRATA))
        : rule.resolve(rankedEvidence());
    keptGroups = Arrays.copyOf(ranking, keep);
    Arrays.sort(keptGroups);
    checkAscending(keptSamples, sourceSampleCount, "keptSamples");
  }

  private static void checkAscending(int[] values, int bound, String what) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] >= bound) { // no boxing on the way: this runs for every kept sample
        throw new IllegalArgumentException(what + "[" + i + "] = " + values[i] + " outside [0, " + bound + ")");
      }
      checkArgument(i == 0 || values[i - 1] < values[i], "%s must be strictly ascending at %s", what, i);
    }
  }

  /** A builder; every part but the histogram, options, details and format version must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Manifest format version this selection was read from, or {@link #FORMAT_VERSION} when made here. */
  public int formatVersion() {
    return formatVersion;
  }

  /** Scorer name, e.g. {@code "lm"}. */
  public String method() {
    return method;
  }

  /** What was ranked. */
  public Level level() {
    return level;
  }

  /** Method options (JSON-friendly; a deep copy). */
  public Map<String, Object> options() {
    return Details.copyOf(options);
  }

  /** The keep rule asked for. */
  public KeepRule rule() {
    return rule;
  }

  /** N, the number of groups kept: what {@link #rule()} gives for the ranked evidence. */
  public int keep() {
    return keep;
  }

  /** Evidence per group (e.g. LM vote counts), or {@code null} for methods without one. */
  public double[] histogram() {
    return histogram == null ? null : histogram.clone();
  }

  /** Ranking score per group (index = group). */
  public double[] scores() {
    return scores.clone();
  }

  /** Every group, best first. */
  public int[] ranking() {
    return ranking.clone();
  }

  /** The kept groups, ascending: the first {@link #keep()} groups of the ranking. */
  public int[] keptGroups() {
    return keptGroups.clone();
  }

  /** Number of source samples. */
  public int sourceSampleCount() {
    return sourceSampleCount;
  }

  /** Indices of the kept source samples, ascending. */
  public int[] keptSamples() {
    return keptSamples.clone();
  }

  /** The seed used. */
  public long seed() {
    return seed;
  }

  /** Method details (a deep copy: arrays inside are cloned), e.g. {@code kmeans.iterations}. */
  public Map<String, Object> details() {
    return Details.copyOf(details);
  }

  /** Versions, fingerprints, timings: how this selection was made. */
  public Provenance provenance() {
    return provenance;
  }

  /** Number of groups ranked (S classes or K clusters, or n samples at sample level). */
  public int groupCount() {
    return scores.length;
  }

  /** Number of kept source samples. */
  public int keptSampleCount() {
    return keptSamples.length;
  }

  /** Kept share of the source samples, in [0, 1]. */
  public double keptFraction() {
    return sourceSampleCount == 0 ? 0 : (double) keptSamples.length / sourceSampleCount;
  }

  /** Whether source sample {@code i} is kept. */
  public boolean isKept(int i) {
    return Arrays.binarySearch(keptSamples, i) >= 0;
  }

  /**
   * The evidence of every group in ranking order (best first): the histogram where the method has
   * one (e.g. LM's votes), else the scores. What a {@link KeepRule.Share} rule measures.
   */
  public double[] rankedEvidence() {
    return Ranking.inOrder(histogram != null ? histogram : scores, ranking);
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

  /** Equal when they select the same thing for the same reasons (see the class comment). */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Selection other)) {
      return false;
    }
    return keep == other.keep && sourceSampleCount == other.sourceSampleCount && seed == other.seed
        && method.equals(other.method) && level == other.level && rule.equals(other.rule)
        && Arrays.equals(histogram, other.histogram) && Arrays.equals(scores, other.scores)
        && Arrays.equals(ranking, other.ranking) && Arrays.equals(keptSamples, other.keptSamples)
        && Details.equal(details, other.details) && Details.equal(options, other.options);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, level, rule, keep, seed, sourceSampleCount, Arrays.hashCode(ranking),
        Arrays.hashCode(keptSamples));
  }

  /**
   * Writes {@code selection.json} and {@code kept-samples.<hash>.npy} into {@code dir} (created if
   * missing), atomically and under the directory's lock: {@code dir} holds the complete old or the
   * complete new selection at every moment (docs/manifest.md).
   *
   * @throws UncheckedIOException if writing fails (nothing partial is left behind) or another
   *     writer holds {@code dir}
   * @throws IllegalArgumentException if an option or detail (e.g. from a third-party scorer) has no
   *     JSON form
   * @throws IllegalStateException if no {@link SelectionCodec} (dp4tl-core) is on the classpath
   */
  public void write(Path dir) {
    try {
      codec().write(this, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write selection to " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a selection artifact written by this or an earlier dp4tl version.
   *
   * @throws UncheckedIOException if the files cannot be read
   * @throws InvalidInputException if they are not a valid selection artifact
   * @throws IllegalStateException if no {@link SelectionCodec} (dp4tl-core) is on the classpath
   */
  public static Selection read(Path dir) {
    try {
      return codec().read(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read selection from " + dir + ": " + e.getMessage(), e);
    }
  }

  private static SelectionCodec codec() {
    return ServiceLoader.load(SelectionCodec.class, Selection.class.getClassLoader())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(
            "no SelectionCodec found: put dp4tl-core on the classpath to read or write selections"));
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    s.append(String.format("Selection %s: keep %d of %d %s (%s), %d of %d source samples (%.1f%%), seed %d%n",
        method, keep, groupCount(), level.units(), rule, keptSamples.length, sourceSampleCount, 100 * keptFraction(),
        seed));
    s.append(Summaries.top(ranking, histogram != null ? histogram : scores));
    s.append("  kept: ").append(Summaries.abbreviate(keptGroups)).append('\n');
    s.append("  dp4tl ").append(provenance.libraryVersion()).append(", ")
        .append(provenance.engine().equals("none") ? "precomputed inputs, kernels on " + provenance.device()
            : "surrogate on " + provenance.engine() + " (" + provenance.device() + ")")
        .append(", ").append(provenance.threads()).append(" threads");
    return s.toString();
  }

  /** Collects the parts of a {@link Selection}; each may be set once. Arrays are copied. */
  public static final class Builder {
    private int formatVersion = FORMAT_VERSION;
    private boolean formatVersionSet;
    private String method;
    private Level level;
    private Map<String, ?> options = Map.of();
    private boolean optionsSet;
    private KeepRule rule;
    private double[] histogram;
    private boolean histogramSet;
    private double[] scores;
    private int[] ranking;
    private Integer sourceSampleCount;
    private int[] keptSamples;
    private boolean seedSet;
    private long seed;
    private Map<String, ?> details = Map.of();
    private boolean detailsSet;
    private Provenance provenance;

    private Builder() {}

    /** The manifest version read from (default {@link #FORMAT_VERSION}). @throws IllegalStateException if set twice */
    public Builder formatVersion(int version) {
      checkState(!formatVersionSet, "formatVersion is already set");
      formatVersion = version;
      formatVersionSet = true;
      return this;
    }

    /** The scorer's name. @throws IllegalStateException if set twice */
    public Builder method(String name) {
      checkState(method == null, "method is already set");
      method = requireNonNull(name, "name");
      return this;
    }

    /** What was ranked. @throws IllegalStateException if set twice */
    public Builder level(Level level) {
      checkState(this.level == null, "level is already set");
      this.level = requireNonNull(level, "level");
      return this;
    }

    /** Method options, JSON-friendly (default none). @throws IllegalStateException if set twice */
    public Builder options(Map<String, ?> options) {
      checkState(!optionsSet, "options are already set");
      this.options = requireNonNull(options, "options");
      optionsSet = true;
      return this;
    }

    /** The keep rule; it decides N. @throws IllegalStateException if set twice */
    public Builder rule(KeepRule rule) {
      checkState(this.rule == null, "rule is already set");
      this.rule = requireNonNull(rule, "rule");
      return this;
    }

    /**
     * Evidence per group, or {@code null} for methods without one (the default).
     *
     * @throws IllegalStateException if set twice
     */
    public Builder histogram(double[] histogram) {
      checkState(!histogramSet, "histogram is already set");
      this.histogram = histogram == null ? null : histogram.clone();
      histogramSet = true;
      return this;
    }

    /** Score per group. @throws IllegalStateException if set twice */
    public Builder scores(double[] scores) {
      checkState(this.scores == null, "scores are already set");
      this.scores = scores.clone();
      return this;
    }

    /** Every group, best first. @throws IllegalStateException if set twice */
    public Builder ranking(int[] ranking) {
      checkState(this.ranking == null, "ranking is already set");
      this.ranking = ranking.clone();
      return this;
    }

    /** Number of source samples. @throws IllegalStateException if set twice */
    public Builder sourceSampleCount(int n) {
      checkState(sourceSampleCount == null, "sourceSampleCount is already set");
      sourceSampleCount = n;
      return this;
    }

    /** Kept source samples, ascending. @throws IllegalStateException if set twice */
    public Builder keptSamples(int[] samples) {
      checkState(keptSamples == null, "keptSamples are already set");
      keptSamples = samples.clone();
      return this;
    }

    /** The seed used (default 0). @throws IllegalStateException if set twice */
    public Builder seed(long seed) {
      checkState(!seedSet, "seed is already set");
      this.seed = seed;
      seedSet = true;
      return this;
    }

    /** Method details, JSON-friendly (default none). @throws IllegalStateException if set twice */
    public Builder details(Map<String, ?> details) {
      checkState(!detailsSet, "details are already set");
      this.details = requireNonNull(details, "details");
      detailsSet = true;
      return this;
    }

    /** How it was made. @throws IllegalStateException if set twice */
    public Builder provenance(Provenance provenance) {
      checkState(this.provenance == null, "provenance is already set");
      this.provenance = requireNonNull(provenance, "provenance");
      return this;
    }

    /**
     * The selection; N and the kept groups follow from the rule and the ranked evidence.
     *
     * @throws IllegalStateException if a required part is missing
     * @throws IllegalArgumentException if the parts are inconsistent (lengths, ordering, ranges)
     * @throws InvalidInputException if the rule keeps no group or more groups than exist
     */
    public Selection build() {
      return new Selection(this);
    }
  }
}
