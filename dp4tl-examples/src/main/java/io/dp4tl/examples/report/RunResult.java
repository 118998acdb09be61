package io.dp4tl.examples.report;

import static java.util.Objects.requireNonNull;

/**
 * One cell of the demo's grid: a target, a way of choosing the pretraining data, a seed and a
 * finetuning mode, with what came out.
 *
 * @param target target name, e.g. {@code "digits"}
 * @param method {@code "full"}, {@code "scratch"} or a scorer name such as {@code "lm"}
 * @param ratio pruning ratio, or {@code null} for full-source pretraining and training from scratch
 * @param seed seed of the selection and training
 * @param mode {@code "LP"} or {@code "FF"}
 * @param lastAccuracy target test top-1 after the last finetuning epoch (LP: of the one converged fit)
 * @param bestAccuracy best target test top-1 over finetuning epochs (LP: the same as last)
 * @param bestEpoch the (first) epoch with the best accuracy, from 1 (LP: 1)
 * @param epochs finetuning epochs (LP: 1, the converged fit)
 * @param pretrainMillis wall time of pretraining (0 for scratch)
 * @param keptClasses source classes (or clusters) pretrained on
 * @param keptSamples source samples pretrained on
 */
public record RunResult(
    String target,
    String method,
    Double ratio,
    long seed,
    String mode,
    double lastAccuracy,
    double bestAccuracy,
    int bestEpoch,
    int epochs,
    long pretrainMillis,
    int keptClasses,
    int keptSamples) {

  public RunResult {
    requireNonNull(target, "target");
    requireNonNull(method, "method");
    requireNonNull(mode, "mode");
  }
}
