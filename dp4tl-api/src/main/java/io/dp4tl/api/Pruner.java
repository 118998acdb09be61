package io.dp4tl.api;

import static java.util.Objects.requireNonNull;
import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.api.spi.Registry;
import java.util.List;

/**
 * The entry point: pick the part of a source dataset worth pretraining on for a target.
 *
 * <pre>{@code
 * Selection s = Pruner.forTarget(target).labelMapping().surrogate(model).ratio(0.6).prune(source);
 * Selection f = Pruner.forTarget(target).featureMapping().clusters(1000).seed(7).ratio(0.7).prune(source);
 * Selection b = Pruner.forTarget(target).scorer("random-class").seed(1).ratio(0.7).prune(source);
 * Selection m = Pruner.forTargets(List.of(digits, fashion)).labelMapping().targetWeights(2, 1)
 *     .surrogate(model).ratio(0.8).prune(source);
 * }</pre>
 */
public final class Pruner {
  private final List<TargetData> targets;

  private Pruner(List<TargetData> targets) {
    this.targets = targets;
  }

  /** Starts a pruning run for this target. */
  public static Pruner forTarget(TargetData target) {
    return new Pruner(ImmutableList.of(requireNonNull(target, "target")));
  }

  /**
   * Starts a pruning run that ignores the target: the sample-level baselines (scorers of
   * {@code Level.SAMPLE}: {@code random-sample}, {@code el2n}, {@code grand}, {@code forgetting},
   * {@code moderate}) score the source from what a model trained on it recorded
   * ({@code SourceData.signals}) or from its features.
   *
   * <pre>{@code
   * Selection e = Pruner.withoutTarget().scorer("el2n").keep(lm.keptSampleCount())
   *     .prune(SourceData.builder().labels(y).signals(TrainingSignals.ofLogits(List.of(z0, z1))).build());
   * }</pre>
   */
  public static Pruner withoutTarget() {
    return forTarget(TargetData.none());
  }

  /**
   * Starts one pruning run for several targets at once: the scorer runs for each target, each
   * target's scores are divided by its sample count (so a large target does not drown a small
   * one), weighted ({@link PruneBuilder#targetWeights}, default equal) and summed.
   *
   * @throws IllegalArgumentException if the list is empty
   */
  public static Pruner forTargets(List<TargetData> targets) {
    checkArgument(!targets.isEmpty(), "give at least one target");
    return new Pruner(ImmutableList.copyOf(targets));
  }

  /**
   * Label Mapping ({@code "lm"}): the surrogate's argmax votes over the target rank the source
   * classes. For supervised pretraining.
   */
  public PruneBuilder labelMapping() {
    return new PruneBuilder(targets, "lm");
  }

  /**
   * Feature Mapping ({@code "fm"}): target features vote for the nearest source cluster (k-means
   * pseudo-classes, given groups, or labels). For self-supervised pretraining.
   */
  public PruneBuilder featureMapping() {
    return new PruneBuilder(targets, "fm");
  }

  /**
   * Any registered scorer by name: {@code "lm-bottom"}, {@code "random-class"},
   * {@code "random-sample"}, {@code "lm-soft"}, {@code "lm-coverage"}, or a third party's
   * ({@code Registry.scorers().names()} lists them, {@link io.dp4tl.api.spi.Scorer#info()} says
   * what each needs and accepts). An unknown name is refused when the run starts.
   */
  public PruneBuilder scorer(String name) {
    requireNonNull(name, "name");
    return new PruneBuilder(targets, name);
  }

  /** The targets, and the scorers to choose from. */
  @Override
  public String toString() {
    return "Pruner for " + (targets.size() == 1 ? targets.get(0) : targets.size() + " targets " + targets)
        + " -> labelMapping(), featureMapping() or scorer(name), name one of " + Registry.scorers().names();
  }
}
