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

  /**
   * A builder for {@code architecture} with the defaults: width 16, 10 epochs, batches of 128,
   * learning rate 0.1, momentum 0.9, weight decay 5e-4, no warm-up, no augmentation, seed 0, one
   * thread per core, the CPU, no checkpoints.
   */
  public static Builder builder(String architecture) {
    return new Builder(requireNonNull(architecture, "architecture"));
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder(architecture);
    b.width = width;
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.learningRate = learningRate;
    b.momentum = momentum;
    b.weightDecay = weightDecay;
    b.warmupEpochs = warmupEpochs;
    b.augment = augment;
    b.seed = seed;
    b.threads = threads;
    b.device = device;
    b.checkpointDir = checkpointDir;
    return b;
  }

  /** These options with checkpoints kept in {@code dir} ({@code null}: none). */
  public TrainingOptions withCheckpointDir(Path dir) {
    return toBuilder().checkpointDir(dir).build();
  }

  /** Collects {@link TrainingOptions} by name; {@link #build()} validates them. */
  public static final class Builder {
    private final String architecture;
    private int width = 16;
    private int epochs = 10;
    private int batchSize = 128;
    private double learningRate = 0.1;
    private double momentum = 0.9;
    private double weightDecay = 5e-4;
    private int warmupEpochs;
    private boolean augment;
    private long seed;
    private int threads = Runtime.getRuntime().availableProcessors();
    private String device = "cpu";
    private Path checkpointDir;

    private Builder(String architecture) {
      this.architecture = architecture;
    }

    /** Base channel width of the network. */
    public Builder width(int width) {
      this.width = width;
      return this;
    }

    /** Epochs (the same for full and pruned pretraining). */
    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /** Samples per step. */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** Peak learning rate of SGD. */
    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    /** SGD momentum. */
    public Builder momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    /** L2 weight decay. */
    public Builder weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /** Epochs of linear warm-up before cosine decay. */
    public Builder warmupEpochs(int warmupEpochs) {
      this.warmupEpochs = warmupEpochs;
      return this;
    }

    /** Whether to apply light seeded augmentation (random shift). */
    public Builder augment(boolean augment) {
      this.augment = augment;
      return this;
    }

    /** Seed for initialisation, shuffling and augmentation. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** CPU threads for the engine. */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** {@code "cpu"} or e.g. {@code "gpu0"}. */
    public Builder device(String device) {
      this.device = device;
      return this;
    }

    /** Where the trainer keeps a checkpoint after every epoch ({@code null}: none). */
    public Builder checkpointDir(Path dir) {
      this.checkpointDir = dir;
      return this;
    }

    /** @throws IllegalArgumentException if a value is out of range */
    public TrainingOptions build() {
      return new TrainingOptions(architecture, width, epochs, batchSize, learningRate, momentum, weightDecay,
          warmupEpochs, augment, seed, threads, device, checkpointDir);
    }

    @Override
    public String toString() {
      return "TrainingOptions.Builder[" + build() + "]";
    }
  }
}
