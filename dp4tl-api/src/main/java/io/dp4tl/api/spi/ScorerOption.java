package io.dp4tl.api.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import java.util.List;

/**
 * One option a {@link Scorer} accepts ({@code PruneBuilder.option(key, value)}, the command's
 * {@code --option KEY=VALUE}), with its type, range and default. Values arrive as text; {@link
 * #check} parses one and names the option, the value and what was expected.
 */
public sealed interface ScorerOption permits ScorerOption.Decimal, ScorerOption.Whole, ScorerOption.Choice {

  /** The key, e.g. {@code "soft.temperature"}. */
  String key();

  /** One line saying what the option does. */
  String description();

  /** The default value, as it would be written. */
  String defaultText();

  /** What a value must be, e.g. {@code "a number > 0"}. */
  String expectation();

  /**
   * Parses a value of this option.
   *
   * @return the value as a {@code Double}, {@code Integer} or {@code String}
   * @throws InvalidInputException if the value is not of this option's type or range
   */
  Object check(String value);

  /** For listings: {@code key (expectation, default d): description}. */
  default String summary() {
    return key() + " (" + expectation() + ", default " + defaultText() + "): " + description();
  }

  /**
   * A finite decimal number of at least {@code min} (above it when {@code minExclusive}).
   *
   * @throws IllegalArgumentException if the default is outside that range
   */
  static Decimal decimal(String key, double defaultValue, double min, boolean minExclusive, String description) {
    return new Decimal(key, defaultValue, min, minExclusive, description);
  }

  /**
   * A whole number of at least {@code min}.
   *
   * @throws IllegalArgumentException if the default is below min
   */
  static Whole whole(String key, int defaultValue, int min, String description) {
    return new Whole(key, defaultValue, min, description);
  }

  /**
   * One of a list of words.
   *
   * @throws IllegalArgumentException if the default is not one of them
   */
  static Choice choice(String key, String defaultValue, List<String> values, String description) {
    return new Choice(key, defaultValue, values, description);
  }

  private static InvalidInputException invalid(ScorerOption option, String value) {
    return new InvalidInputException("option " + option.key() + "=" + value + ": expected " + option.expectation()
        + " (default " + option.defaultText() + ")");
  }

  /**
   * A finite decimal number, at least (or, when {@code minExclusive}, above) {@code min}.
   *
   * @param key the option's key
   * @param defaultValue the value when the option is not given
   * @param min the lower bound
   * @param minExclusive whether the bound itself is excluded
   * @param description what the option does
   */
  record Decimal(String key, double defaultValue, double min, boolean minExclusive, String description)
      implements ScorerOption {
    /** @throws IllegalArgumentException if the default is outside the range */
    public Decimal {
      requireNonNull(key, "key");
      requireNonNull(description, "description");
      checkArgument(in(defaultValue, min, minExclusive), "default %s of %s is out of its range", defaultValue, key);
    }

    private static boolean in(double v, double min, boolean exclusive) {
      return Double.isFinite(v) && (exclusive ? v > min : v >= min);
    }

    @Override
    public String defaultText() {
      return text(defaultValue);
    }

    @Override
    public String expectation() {
      return "a number " + (minExclusive ? "> " : ">= ") + text(min);
    }

    /** @throws InvalidInputException if the value is not such a number */
    @Override
    public Double check(String value) {
      try {
        double v = Double.parseDouble(value.strip());
        if (in(v, min, minExclusive)) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw invalid(this, value);
    }

    private static String text(double v) {
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
  }

  /**
   * A whole number of at least {@code min}.
   *
   * @param key the option's key
   * @param defaultValue the value when the option is not given
   * @param min the lower bound
   * @param description what the option does
   */
  record Whole(String key, int defaultValue, int min, String description) implements ScorerOption {
    /** @throws IllegalArgumentException if the default is below min */
    public Whole {
      requireNonNull(key, "key");
      requireNonNull(description, "description");
      checkArgument(defaultValue >= min, "default %s of %s is below %s", defaultValue, key, min);
    }

    @Override
    public String defaultText() {
      return Integer.toString(defaultValue);
    }

    @Override
    public String expectation() {
      return "a whole number >= " + min;
    }

    /** @throws InvalidInputException if the value is not such a number */
    @Override
    public Integer check(String value) {
      try {
        int v = Integer.parseInt(value.strip());
        if (v >= min) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw invalid(this, value);
    }
  }

  /**
   * One of a fixed list of words.
   *
   * @param key the option's key
   * @param defaultValue the value when the option is not given
   * @param values the accepted words
   * @param description what the option does
   */
  record Choice(String key, String defaultValue, List<String> values, String description) implements ScorerOption {
    /** @throws IllegalArgumentException if the default is not one of the values */
    public Choice {
      requireNonNull(key, "key");
      requireNonNull(description, "description");
      values = List.copyOf(values);
      checkArgument(values.contains(defaultValue), "default %s of %s is not one of %s", defaultValue, key, values);
    }

    @Override
    public String defaultText() {
      return defaultValue;
    }

    @Override
    public String expectation() {
      return "one of " + String.join(", ", values);
    }

    /** @throws InvalidInputException if the value is not one of the words */
    @Override
    public String check(String value) {
      if (values.contains(value)) {
        return value;
      }
      throw invalid(this, value);
    }
  }
}
