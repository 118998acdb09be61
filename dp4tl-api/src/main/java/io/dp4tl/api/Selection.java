package io.dp4tl.api;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.spi.Details;
import io.dp4tl.api.spi.SelectionCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The result of pruning: which source groups (classes, clusters) and samples to keep, why (the
 * scores and full ranking) and how it was made (options, seed, provenance). Immutable: arrays are
 * copied in and out. Portable as {@code selection.json} + {@code kept-samples.<hash>.npy} through
 * {@link #write(Path)} and {@link #read(Path)}; see {@code docs/manifest.md} for the schema.
 *
 * @param formatVersion manifest format version this selection was read from or will be written as
 * @param method scorer name, e.g. {@code "lm"}
 * @param level what was ranked
 * @param options method options (JSON-friendly)
 * @param rule the keep rule asked for (ratio or count)
 * @param keep N, the number of groups kept
 * @param histogram evidence per group (e.g. LM vote counts), or {@code null} for methods without one
 * @param scores ranking score per group (index = group)
 * @param ranking every group, best first
 * @param keptGroups the kept groups, ascending
 * @param sourceSampleCount number of source samples
 * @param keptSamples indices of the kept source samples, ascending
 * @param seed the seed used
 * @param details method details (e.g. k-means iterations), JSON-friendly
 * @param provenance versions, fingerprints, timings
 */
public record Selection(
    int formatVersion,
    String method,
    Level level,
    Map<String, Object> options,
    KeepRule rule,
    int keep,
    double[] histogram,
    double[] scores,
    int[] ranking,
    int[] keptGroups,
    int sourceSampleCount,
    int[] keptSamples,
    long seed,
    Map<String, Object> details,
    Provenance provenance) {

  /** The manifest format this library writes. */
  public static final int FORMAT_VERSION = 1;

  /**
   * @throws IllegalArgumentException if the parts are inconsistent (lengths, ordering, ranges)
   */
  public Selection {
    requireNonNull(method, "method");
    requireNonNull(level, "level");
    requireNonNull(rule, "rule");
    requireNonNull(provenance, "provenance");
    options = Details.copyOf(options);
    details = Details.copyOf(details);
    histogram = histogram == null ? null : histogram.clone();
    scores = scores.clone();
    ranking = ranking.clone();
    keptGroups = keptGroups.clone();
    keptSamples = keptSamples.clone();
    int groups = scores.length;
    checkArgument(histogram == null || histogram.length == groups, "histogram and scores differ in length");
    checkArgument(ranking.length == groups, "ranking has %s groups, scores %s", ranking.length, groups);
    checkArgument(keep >= 1 && keep <= groups, "keep %s outside [1, %s]", keep, groups);
    checkArgument(keptGroups.length == keep, "%s kept groups but keep is %s", keptGroups.length, keep);
    checkArgument(formatVersion >= 1 && formatVersion <= FORMAT_VERSION,
        "format version %s is not one this library knows (1 to %s)", formatVersion, FORMAT_VERSION);
    checkArgument(sourceSampleCount >= 0, "sourceSampleCount must be >= 0, got %s", sourceSampleCount);
    boolean[] ranked = new boolean[groups];
    for (int g : ranking) {
      checkArgument(g >= 0 && g < groups && !ranked[g], "ranking must list every group once; %s is out of range or"
          + " repeated", g);
      ranked[g] = true;
    }
    checkAscending(keptGroups, groups, "keptGroups");
    int[] top = Arrays.copyOf(ranking, keep);
    Arrays.sort(top);
    checkArgument(Arrays.equals(top, keptGroups), "keptGroups must be the first %s groups of the ranking", keep);
    checkAscending(keptSamples, sourceSampleCount, "keptSamples");
  }

  private static void checkAscending(int[] values, int bound, String what) {
    for (int i = 0; i < values.length; i++) {
      checkArgument(values[i] >= 0 && values[i] < bound, "%s[%s] = %s outside [0, %s)", what, i, values[i], bound);
      checkArgument(i == 0 || values[i - 1] < values[i], "%s must be strictly ascending at %s", what, i);
    }
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

  /** Method details (a deep copy: arrays inside are cloned). */
  @Override
  public Map<String, Object> details() {
    return Details.copyOf(details);
  }

  @Override
  public double[] histogram() {
    return histogram == null ? null : histogram.clone();
  }

  @Override
  public double[] scores() {
    return scores.clone();
  }

  @Override
  public int[] ranking() {
    return ranking.clone();
  }

  @Override
  public int[] keptGroups() {
    return keptGroups.clone();
  }

  @Override
  public int[] keptSamples() {
    return keptSamples.clone();
  }

  /** Equal when every part is equal, arrays by content. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Selection other)) {
      return false;
    }
    return formatVersion == other.formatVersion && keep == other.keep && sourceSampleCount == other.sourceSampleCount
        && seed == other.seed && method.equals(other.method) && level == other.level
        && rule.equals(other.rule) && Arrays.equals(histogram, other.histogram) && Arrays.equals(scores, other.scores)
        && Arrays.equals(ranking, other.ranking) && Arrays.equals(keptGroups, other.keptGroups)
        && Arrays.equals(keptSamples, other.keptSamples) && Details.equal(details, other.details)
        && Details.equal(options, other.options) && provenance.equals(other.provenance);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(formatVersion, method, level, keep, seed, sourceSampleCount, Arrays.hashCode(ranking),
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
    String unit = switch (level) {
      case CLASS -> "classes";
      case CLUSTER -> "clusters";
      case SAMPLE -> "samples";
    };
    StringBuilder s = new StringBuilder();
    s.append(String.format("Selection %s: keep %d of %d %s (%s), %d of %d source samples (%.1f%%), seed %d%n",
        method, keep, groupCount(), unit, rule, keptSamples.length, sourceSampleCount, 100 * keptFraction(), seed));
    int shown = Math.min(10, ranking.length);
    s.append("  top: ").append(IntStream.range(0, shown)
        .mapToObj(i -> ranking[i] + " (" + format(histogram != null ? histogram[ranking[i]] : scores[ranking[i]]) + ")")
        .collect(Collectors.joining(", ")));
    s.append(ranking.length > shown ? ", ...\n" : "\n");
    s.append("  kept: ").append(abbreviate(keptGroups)).append('\n');
    s.append("  dp4tl ").append(provenance.libraryVersion()).append(", ").append(provenance.engine())
        .append(" on ").append(provenance.device()).append(", ").append(provenance.threads()).append(" threads");
    return s.toString();
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format("%.4g", v);
  }

  private static String abbreviate(int[] values) {
    if (values.length <= 20) {
      return Arrays.toString(values);
    }
    return Arrays.toString(Arrays.copyOf(values, 20)).replace("]", ", ... (" + values.length + " in all)]");
  }
}
