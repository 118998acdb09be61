package io.dp4tl.spark;

import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.TargetData;
import java.util.Set;

/**
 * Entry point of selection on Spark, in the vocabulary of {@link io.dp4tl.api.Pruner}: the target
 * is small and its logits, features or labels are used on the driver (given as arrays or files, or
 * as a Dataset gathered by {@link SparkTarget}), the source is a {@link SparkSource}.
 *
 * <pre>{@code
 * SparkSelection s = SparkPruner.forTarget(TargetData.ofLogits(logits))
 *     .labelMapping().ratio(0.6)
 *     .prune(SparkSource.ofLabels(spark.read().parquet("source.parquet"), "id", "label"));
 * s.write("out/sel", false);   // selection.json + kept/ (Parquet ids)
 * }</pre>
 */
public final class SparkPruner {
  /** The methods that run on Spark. */
  public static final Set<String> METHODS = Set.of("lm", "lm-bottom", "lm-soft", "lm-coverage", "random-class", "fm");

  private final TargetData target;

  private SparkPruner(TargetData target) {
    this.target = target;
  }

  /** Selection for one target. */
  public static SparkPruner forTarget(TargetData target) {
    return new SparkPruner(requireNonNull(target, "target"));
  }

  /** Label Mapping ({@code "lm"}). */
  public SparkPruneBuilder labelMapping() {
    return new SparkPruneBuilder(target, "lm");
  }

  /** Feature Mapping ({@code "fm"}). */
  public SparkPruneBuilder featureMapping() {
    return new SparkPruneBuilder(target, "fm");
  }

  /**
   * A method by name: {@code lm}, {@code lm-bottom}, {@code lm-soft}, {@code lm-coverage} (needs the
   * target's labels), {@code random-class} or {@code fm}.
   *
   * @throws InvalidInputException if the method does not run on Spark
   */
  public SparkPruneBuilder scorer(String name) {
    requireNonNull(name, "name");
    if (!METHODS.contains(name)) {
      throw new InvalidInputException("method '" + name + "' does not run on Spark; use one of "
          + String.join(", ", METHODS.stream().sorted().toList()));
    }
    return new SparkPruneBuilder(target, name);
  }
}
