package io.dp4tl.djl.train.internal;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Per-step learning rate: linear warm-up to the peak over {@code warmupSteps}, then cosine decay to
 * zero over the remaining steps.
 *
 * @param peak peak learning rate
 * @param warmupSteps steps of warm-up (0 for none)
 * @param totalSteps all steps of the run
 */
record LearningRate(double peak, long warmupSteps, long totalSteps) {

  LearningRate {
    checkArgument(peak > 0, "peak must be > 0");
    checkArgument(warmupSteps >= 0 && warmupSteps < totalSteps, "warm-up must be shorter than the run");
  }

  /** Rate of step {@code step} in {@code [0, totalSteps)}. */
  double at(long step) {
    if (step < warmupSteps) {
      return peak * (step + 1) / warmupSteps;
    }
    double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
    return peak * 0.5 * (1 + Math.cos(Math.PI * progress));
  }
}
