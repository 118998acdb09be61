package io.dp4tl.api.spi;

import static com.google.common.base.Preconditions.checkArgument;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Level;
import io.dp4tl.api.data.IntColumn;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link Scorer} returns: a score per group (higher ranks first, ties to the lower index),
 * the group of every source sample, and optionally the evidence histogram (e.g. Label Mapping's
 * vote counts) and method details (k-means iterations, target assignment) for the manifest.
 * Immutable; arrays are copied in, the sample groups are an immutable {@link IntColumn}.
 */
public final class GroupScores {
  private final Level level;
  private final double[] scores;
  private final IntColumn sampleGroups;
  private final double[] histogram;
  private final int[] strata;
  private final Map<String, Object> details;

  private GroupScores(
      Level level, double[] scores, IntColumn sampleGroups, double[] histogram, int[] strata,
      Map<String, Object> details) {
    this.level = level;
    this.strata = strata == null ? null : strata.clone();
    this.scores = scores.clone();
    this.sampleGroups = sampleGroups;
    this.histogram = histogram == null ? null : histogram.clone();
    this.details = Details.copyOf(details);
    for (int g = 0; g < scores.length; g++) {
      checkArgument(!Double.isNaN(scores[g]), "score of group %s is NaN", g);
    }
    checkArgument(histogram == null || histogram.length == scores.length,
        "histogram has %s groups, scores have %s", histogram == null ? 0 : histogram.length, scores.length);
  }

  /**
   * Scores over groups of samples (classes or clusters).
   *
   * @param level {@link Level#CLASS} or {@link Level#CLUSTER}
   * @param scores one per group
   * @param sampleGroups the group of each source sample, each in {@code [0, scores.length)} (held,
   *     not copied: e.g. the source labels)
   * @param histogram evidence per group for the manifest, or {@code null}
   * @param details JSON-friendly method details (numbers, strings, arrays), may be empty
   * @throws IllegalArgumentException if level is SAMPLE, a score is NaN or lengths disagree
   * @throws InvalidInputException if a sample's group is out of range
   */
  public static GroupScores ofGroups(
      Level level, double[] scores, IntColumn sampleGroups, double[] histogram, Map<String, Object> details) {
    checkArgument(level != Level.SAMPLE, "use ofSamples for sample-level scores");
    int i = sampleGroups.firstRowOutside(0, scores.length);
    if (i >= 0) {
      throw new InvalidInputException("group " + sampleGroups.get(i) + " of source sample " + i
          + " is out of range [0, " + scores.length + ")");
    }
    return new GroupScores(level, scores, sampleGroups, histogram, null, details);
  }

  /**
   * Scores over single source samples (sample-level methods): sample i is group i.
   *
   * @throws IllegalArgumentException if a score is NaN
   */
  public static GroupScores ofSamples(double[] scores, Map<String, Object> details) {
    return new GroupScores(Level.SAMPLE, scores, null, null, null, details);
  }

  /**
   * Scores over single source samples that are cut per stratum (e.g. per class): a keep rule is
   * applied to each stratum's own sample count ({@link io.dp4tl.api.StratifiedKeep}) and each
   * stratum keeps its best-scored samples.
   *
   * @param strata the stratum of each sample, each {@code >= 0}
   * @throws IllegalArgumentException if a score is NaN, lengths differ or a stratum is negative
   */
  public static GroupScores ofStratifiedSamples(double[] scores, int[] strata, Map<String, Object> details) {
    checkArgument(strata.length == scores.length, "%s strata for %s samples", strata.length, scores.length);
    for (int i = 0; i < strata.length; i++) {
      checkArgument(strata[i] >= 0, "stratum %s of sample %s is negative", strata[i], i);
    }
    return new GroupScores(Level.SAMPLE, scores, null, null, strata, details);
  }

  public Level level() {
    return level;
  }

  /** Number of groups ranked. */
  public int groupCount() {
    return scores.length;
  }

  /** Number of source samples covered. */
  public int sampleCount() {
    return sampleGroups == null ? scores.length : sampleGroups.size();
  }

  /** Score of group {@code g}. */
  public double score(int g) {
    return scores[g];
  }

  /** A copy of all scores. */
  public double[] scores() {
    return scores.clone();
  }

  /** Group of source sample {@code i}. */
  public int groupOf(int i) {
    return sampleGroups == null ? i : sampleGroups.get(i);
  }

  /** The group of every source sample; empty for sample-level scores (sample i is group i). */
  public Optional<IntColumn> sampleGroups() {
    return Optional.ofNullable(sampleGroups);
  }

  /** A copy of the evidence histogram, if the scorer produced one. */
  public Optional<double[]> histogram() {
    return Optional.ofNullable(histogram).map(double[]::clone);
  }

  /** A copy of the stratum of every sample, if selections are cut per stratum. */
  public Optional<int[]> strata() {
    return Optional.ofNullable(strata).map(int[]::clone);
  }

  /** Method details for the manifest (a deep copy: arrays inside are cloned). */
  public Map<String, Object> details() {
    return Details.copyOf(details);
  }

  @Override
  public String toString() {
    return "GroupScores[" + level + ", " + scores.length + " groups, top scores "
        + Arrays.toString(Arrays.copyOf(scores, Math.min(5, scores.length))) + "]";
  }
}
