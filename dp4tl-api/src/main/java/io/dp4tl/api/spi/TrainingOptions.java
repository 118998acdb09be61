package io.dp4tl.api.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Settings for {@link Trainer}; validated here, so a trainer never sees a nonsensical value.
 *
 * @param architecture network name understood by the trainer, e.g. {@code "resnet-8"}
 * @param width base channel width of the network
 * @param epochs epochs (the same for full and pruned pretraining)
 * @param batchSize samples per step
 * @param learningRate peak learning rate of SGD
 * @param momentum SGD momentum
 * @param weightDecay L2 weight decay
 * @param warmupEpochs epochs of linear warm-up before cosine decay
 * @param augment whether to apply light seeded augmentation (random shift)
 * @param seed seed for initialisation, shuffling and augmentation
 * @param threads CPU threads for the engine
 * @param device {@code "cpu"} or e.g. {@code "gpu0"}
 * @param checkpointDir directory where the trainer keeps a checkpoint after every epoch and from
 *     which it resumes an interrupted run with the same settings and data, or {@code null} for no
 *     checkpoints
 */
public record TrainingOptions(
    String architecture,
    int width,
    int epochs,
    int batchSize,
    double learningRate,
    double momentum,
    double weightDecay,
    int warmupEpochs,
    boolean augment,
    long seed,
    int threads,
    String device,
    Path checkpointDir) {

  /** @throws IllegalArgumentException if a value is out of range */
  public TrainingOptions {
    requireNonNull(architecture, "architecture");
    requireNonNull(device, "device");
    checkArgument(width >= 1, "width must be >= 1, got %s", width);
    checkArgument(epochs >= 1, "epochs must be >= 1, got %s", epochs);
    checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
    checkArgument(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be > 0, got %s", learningRate);
    checkArgument(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got %s", momentum);
    checkArgument(weightDecay >= 0, "weightDecay must be >= 0, got %s", weightDecay);
    checkArgument(warmupEpochs >= 0 && warmupEpochs < epochs,
        "warmupEpochs must be in [0, epochs), got %s", warmupEpochs);
    checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
  }

  /** Options without checkpoints. */
  public TrainingOptions(
      String architecture,
      int width,
      int epochs,
      int batchSize,
      double learningRate,
      double momentum,
      double weightDecay,
      int warmupEpochs,
      boolean augment,
      long seed,
      int threads,
      String device) {
    this(architecture, width, epochs, batchSize, learningRate, momentum, weightDecay, warmupEpochs, augment,
        seed, threads, device, null);
  }

  /** These options with checkpoints kept in {@code dir} ({@code null}: none). */
  public TrainingOptions withCheckpointDir(Path dir) {
    return new TrainingOptions(architecture, width, epochs, batchSize, learningRate, momentum, weightDecay,
        warmupEpochs, augment, seed, threads, device, dir);
  }
}
