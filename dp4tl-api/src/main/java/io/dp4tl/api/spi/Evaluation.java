package io.dp4tl.api.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Target accuracy after finetuning.
 *
 * @param mode how the network was finetuned
 * @param epochAccuracies top-1 test accuracy in [0, 1] after each epoch (one value for a linear probe)
 * @param trainingMillis wall time of finetuning
 */
public record Evaluation(FinetuneMode mode, double[] epochAccuracies, long trainingMillis) {

  /** @throws IllegalArgumentException if there is no epoch */
  public Evaluation {
    requireNonNull(mode, "mode");
    checkArgument(epochAccuracies.length > 0, "an evaluation needs at least one epoch");
    epochAccuracies = epochAccuracies.clone();
  }

  /** Accuracy after the last epoch. */
  public double lastAccuracy() {
    return epochAccuracies[epochAccuracies.length - 1];
  }

  /** Best accuracy over epochs (what the reference reports). */
  public double bestAccuracy() {
    double best = 0;
    for (double a : epochAccuracies) {
      best = Math.max(best, a);
    }
    return best;
  }

  @Override
  public double[] epochAccuracies() {
    return epochAccuracies.clone();
  }
}
