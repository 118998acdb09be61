package io.dp4tl.api.spi;

import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Level;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a {@link Scorer} ranks, needs and accepts, so that the builder, the command and its help
 * check and describe every scorer (built-in or third-party) the same way.
 *
 * @param level what it ranks: {@link Level#CLASS} (source classes), {@link Level#CLUSTER}
 *     (source clusters: k-means, given groups or labels) or {@link Level#SAMPLE} (single samples)
 * @param evidence what it reads; empty for a scorer that needs only the source's size
 * @param options the options it accepts, in the order to list them
 */
public record ScorerInfo(Level level, Set<Evidence> evidence, List<ScorerOption> options) {

  /** @throws IllegalArgumentException if two options share a key */
  public ScorerInfo {
    requireNonNull(level, "level");
    EnumSet<Evidence> set = EnumSet.noneOf(Evidence.class);
    set.addAll(evidence);
    evidence = Collections.unmodifiableSet(set);
    options = List.copyOf(options);
    if (options.stream().map(ScorerOption::key).distinct().count() != options.size()) {
      throw new IllegalArgumentException("two options share a key: " + keys(options));
    }
  }

  /** A description from its parts. @throws IllegalArgumentException if two options share a key */
  public static ScorerInfo of(Level level, Set<Evidence> evidence, ScorerOption... options) {
    return new ScorerInfo(level, evidence, List.of(options));
  }

  /** Whether this scorer reads that evidence. */
  public boolean needs(Evidence e) {
    return evidence.contains(e);
  }

  /** The option with this key, if the scorer accepts it. */
  public Optional<ScorerOption> option(String key) {
    return options.stream().filter(o -> o.key().equals(key)).findFirst();
  }

  /**
   * Checks given options against this description: every key must be one of its options and
   * every value valid for it.
   *
   * @param scorer the scorer's name, for messages
   * @param given options as key and text value
   * @throws InvalidInputException naming the first key the scorer does not accept (listing the
   *     valid ones) or value it cannot parse (saying what was expected)
   */
  public void check(String scorer, Map<String, String> given) {
    given.forEach((key, value) -> option(key).orElseThrow(() -> new InvalidInputException("'" + key
        + "' is not an option of " + scorer + (options.isEmpty() ? ", which takes no options" : "; valid: "
        + keys(options)))).check(value));
  }

  private static String keys(List<ScorerOption> options) {
    return options.stream().map(o -> o.key() + " (" + o.expectation() + ", default " + o.defaultText() + ")")
        .collect(Collectors.joining(", "));
  }
}
