package io.dp4tl.api.spi;

import io.dp4tl.api.data.ImageSet;
import io.dp4tl.api.progress.RunControl;

/**
 * Pretrains a network on (part of) a source and finetunes it on a target: how dp4tl checks that
 * a selection keeps target accuracy. Found by {@link java.util.ServiceLoader} or registered with
 * {@link Registry#trainers()}.
 *
 * <p>Contract: pretraining runs the SAME number of epochs whatever subset it is given (so cost
 * falls with the kept fraction); the same options, seed and thread count give the same weights;
 * every epoch is reported to the progress listener and checks cancellation; a trainer never
 * recomputes a selection, it trains on the samples it is given.
 */
public interface Trainer {

  /** Unique name, e.g. {@code "djl"}. */
  String name();

  /**
   * Pretrains a new network with a head over all of the source's classes.
   *
   * @param source the source images (with labels)
   * @param samples indices of the samples to train on, e.g. {@code selection.keptSamples()}, or
   *     every index for full-source pretraining
   * @throws io.dp4tl.api.InvalidInputException if the source has no labels or an index is out of range
   * @throws io.dp4tl.api.CancelledException if cancelled
   */
  PretrainedModel pretrain(ImageSet source, int[] samples, TrainingOptions options, RunControl control);

  /**
   * A network of the options' architecture with fresh seeded weights and a head over
   * {@code classCount} classes, untrained: the starting point for training from scratch on a
   * target (finetune it with {@link FinetuneMode#FULL}).
   *
   * @throws io.dp4tl.api.InvalidInputException if the architecture is unknown or classCount is below 1
   */
  PretrainedModel initialise(int classCount, TrainingOptions options);

  /**
   * Finetunes a copy of {@code model} on the target (the model itself is unchanged) and evaluates
   * top-1 accuracy on the test split: after every epoch for {@link FinetuneMode#FULL}, once for
   * {@link FinetuneMode#LINEAR_PROBE}, whose head is fitted to convergence on frozen features with
   * a penalty chosen on a validation split (see that constant).
   *
   * @throws io.dp4tl.api.InvalidInputException if a split has no labels
   * @throws io.dp4tl.api.CancelledException if cancelled
   */
  Evaluation finetune(
      PretrainedModel model,
      ImageSet targetTrain,
      ImageSet targetTest,
      FinetuneMode mode,
      TrainingOptions options,
      RunControl control);
}
