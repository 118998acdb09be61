package io.dp4tl.api;

import static java.util.Objects.requireNonNull;

import io.dp4tl.api.data.TargetData;

/**
 * The entry point: pick the part of a source dataset worth pretraining on for a target.
 *
 * <pre>{@code
 * Selection s = Pruner.forTarget(target).labelMapping().surrogate(model).ratio(0.6).prune(source);
 * Selection f = Pruner.forTarget(target).featureMapping().clusters(1000).seed(7).ratio(0.7).prune(source);
 * Selection b = Pruner.forTarget(target).scorer("random-class").seed(1).ratio(0.7).prune(source);
 * }</pre>
 */
public final class Pruner {
  private final TargetData target;

  private Pruner(TargetData target) {
    this.target = target;
  }

  /** Starts a pruning run for this target. */
  public static Pruner forTarget(TargetData target) {
    return new Pruner(requireNonNull(target, "target"));
  }

  /**
   * Label Mapping ({@code "lm"}): the surrogate's argmax votes over the target rank the source
   * classes. For supervised pretraining.
   */
  public PruneBuilder labelMapping() {
    return new PruneBuilder(target, "lm", true);
  }

  /**
   * Feature Mapping ({@code "fm"}): target features vote for the nearest source cluster (k-means
   * pseudo-classes, given groups, or labels). For self-supervised pretraining.
   */
  public PruneBuilder featureMapping() {
    return new PruneBuilder(target, "fm", false);
  }

  /**
   * Any registered scorer by name: {@code "lm-bottom"}, {@code "random-class"},
   * {@code "random-sample"}, or a third party's.
   */
  public PruneBuilder scorer(String name) {
    requireNonNull(name, "name");
    return new PruneBuilder(target, name, name.equals("lm") || name.equals("lm-bottom"));
  }
}
