package io.dp4tl.examples.glyph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.dp4tl.core.image.Polarity;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link GlyphSource#build} renders.
 *
 * @param classSets the character sets, in class order (no repeats)
 * @param size images are {@code size x size}, in [8, 256] (default 32)
 * @param polarity ink on background (default {@link Polarity#WHITE_ON_BLACK})
 * @param samplesPerClass images per class: the distinct face renderings first (in a seeded order),
 *     then jittered renderings cycling over the faces; with {@link GlyphJitter#none()} a class has
 *     at most as many images as distinct renderings (default 20)
 * @param maxClasses keep at most the first this many classes (in class order) that pass
 *     {@code minFaces}; 0 for no limit (default 0)
 * @param minFaces drop classes with fewer distinct face renderings than this (default 1)
 * @param seed seed of the face order and the jitter (default 0)
 * @param jitter the per-sample distortions (default {@link GlyphJitter#defaults()})
 * @param homoglyphs what to do with cross-script look-alikes (default {@link HomoglyphPolicy#MERGE})
 * @param cacheDirectory where rendered sets are cached, or {@code null} for no cache
 * @param threads rendering threads (default: available processors); the result does not depend on it
 */
public record GlyphSourceOptions(
    List<GlyphClassSet> classSets,
    int size,
    Polarity polarity,
    int samplesPerClass,
    int maxClasses,
    int minFaces,
    long seed,
    GlyphJitter jitter,
    HomoglyphPolicy homoglyphs,
    Path cacheDirectory,
    int threads) {

  /** @throws IllegalArgumentException if a value is out of range or a class set repeats */
  public GlyphSourceOptions {
    classSets = ImmutableList.copyOf(classSets);
    checkArgument(!classSets.isEmpty(), "at least one class set is needed");
    checkArgument(classSets.stream().distinct().count() == classSets.size(), "class sets repeat: %s", classSets);
    checkArgument(size >= 8 && size <= 256, "size must be in [8, 256], got %s", size);
    requireNonNull(polarity, "polarity");
    checkArgument(samplesPerClass >= 1, "samplesPerClass must be >= 1, got %s", samplesPerClass);
    checkArgument(maxClasses >= 0, "maxClasses must be >= 0, got %s", maxClasses);
    checkArgument(minFaces >= 1, "minFaces must be >= 1, got %s", minFaces);
    requireNonNull(jitter, "jitter");
    requireNonNull(homoglyphs, "homoglyphs");
    checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
  }

  /** A builder for these character sets, with the defaults above. */
  public static Builder builder(GlyphClassSet... classSets) {
    return new Builder(List.of(classSets));
  }

  /** Everything that decides the rendered images (all but the cache directory and threads), for cache keys. */
  String describe() {
    return "classSets=" + classSets + ";size=" + size + ";polarity=" + polarity + ";samplesPerClass=" + samplesPerClass
        + ";maxClasses=" + maxClasses + ";minFaces=" + minFaces + ";seed=" + seed + ";jitter=" + jitter
        + ";homoglyphs=" + homoglyphs;
  }

  /** Collects {@link GlyphSourceOptions}; each setting may be made once. */
  public static final class Builder {
    private final List<GlyphClassSet> classSets;
    private Integer size;
    private Polarity polarity;
    private Integer samplesPerClass;
    private Integer maxClasses;
    private Integer minFaces;
    private Long seed;
    private GlyphJitter jitter;
    private HomoglyphPolicy homoglyphs;
    private Path cacheDirectory;
    private Integer threads;

    private Builder(List<GlyphClassSet> classSets) {
      this.classSets = classSets;
    }

    /** Image size. @throws IllegalStateException if set twice */
    public Builder size(int size) {
      checkState(this.size == null, "size is already set");
      this.size = size;
      return this;
    }

    /** Polarity. @throws IllegalStateException if set twice */
    public Builder polarity(Polarity polarity) {
      checkState(this.polarity == null, "polarity is already set");
      this.polarity = requireNonNull(polarity, "polarity");
      return this;
    }

    /** Images per class. @throws IllegalStateException if set twice */
    public Builder samplesPerClass(int n) {
      checkState(samplesPerClass == null, "samplesPerClass is already set");
      samplesPerClass = n;
      return this;
    }

    /** Most classes kept. @throws IllegalStateException if set twice */
    public Builder maxClasses(int n) {
      checkState(maxClasses == null, "maxClasses is already set");
      maxClasses = n;
      return this;
    }

    /** Fewest distinct faces a class needs. @throws IllegalStateException if set twice */
    public Builder minFaces(int n) {
      checkState(minFaces == null, "minFaces is already set");
      minFaces = n;
      return this;
    }

    /** Seed. @throws IllegalStateException if set twice */
    public Builder seed(long seed) {
      checkState(this.seed == null, "seed is already set");
      this.seed = seed;
      return this;
    }

    /** Jitter. @throws IllegalStateException if set twice */
    public Builder jitter(GlyphJitter jitter) {
      checkState(this.jitter == null, "jitter is already set");
      this.jitter = requireNonNull(jitter, "jitter");
      return this;
    }

    /** Homoglyph policy. @throws IllegalStateException if set twice */
    public Builder homoglyphs(HomoglyphPolicy policy) {
      checkState(homoglyphs == null, "homoglyphs is already set");
      homoglyphs = requireNonNull(policy, "policy");
      return this;
    }

    /** Cache directory. @throws IllegalStateException if set twice */
    public Builder cacheDirectory(Path dir) {
      checkState(cacheDirectory == null, "cacheDirectory is already set");
      cacheDirectory = requireNonNull(dir, "dir");
      return this;
    }

    /** Rendering threads. @throws IllegalStateException if set twice */
    public Builder threads(int n) {
      checkState(threads == null, "threads is already set");
      threads = n;
      return this;
    }

    /** @throws IllegalArgumentException as the record's constructor */
    public GlyphSourceOptions build() {
      return new GlyphSourceOptions(
          classSets,
          size == null ? 32 : size,
          polarity == null ? Polarity.WHITE_ON_BLACK : polarity,
          samplesPerClass == null ? 20 : samplesPerClass,
          maxClasses == null ? 0 : maxClasses,
          minFaces == null ? 1 : minFaces,
          seed == null ? 0L : seed,
          jitter == null ? GlyphJitter.defaults() : jitter,
          homoglyphs == null ? HomoglyphPolicy.MERGE : homoglyphs,
          cacheDirectory,
          threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    }
  }
}
