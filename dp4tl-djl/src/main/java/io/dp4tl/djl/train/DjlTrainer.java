package io.dp4tl.djl.train;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Evaluation;
import io.dp4tl.api.spi.FinetuneMode;
import io.dp4tl.api.spi.PretrainedModel;
import io.dp4tl.api.spi.Trainer;
import io.dp4tl.api.spi.TrainingOptions;
import io.dp4tl.djl.Architecture;
import io.dp4tl.djl.internal.Network;
import io.dp4tl.djl.train.internal.DjlPretrainedModel;
import io.dp4tl.djl.train.internal.LabelledImages;
import io.dp4tl.djl.train.internal.SignalRecorder;
import io.dp4tl.djl.train.internal.TrainingLoop;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Trains dp4tl's DJL networks ({@link Architecture}: {@code resnet-<6n+2>}, {@code cnn}) on the CPU
 * with DJL's PyTorch engine, loaded offline by {@link io.dp4tl.djl.DjlEngines}.
 *
 * <p>Protocol: images are encoded as 32x32 grey, {@code v / 255}; optional augmentation shifts each
 * image by up to 4 pixels (pad and random crop, no flips); SGD with momentum and weight decay, a
 * linear warm-up of {@code warmupEpochs} then cosine decay to zero, per step; softmax cross-entropy.
 * Pretraining runs {@code epochs} epochs whatever the number of samples, with a head over all of the
 * source's classes. Finetuning copies the backbone, adds a new head over the target's classes and
 * either trains the head alone with the backbone frozen, batch-norm statistics included
 * ({@link FinetuneMode#LINEAR_PROBE}: batch-norm layers stay in inference mode), or trains every
 * weight ({@link FinetuneMode#FULL}); it measures top-1 accuracy on the target test split after
 * every epoch.
 *
 * <p>Same options, data and thread count give the same weights bit for bit (see
 * {@link TrainingLoop}). With {@link TrainingOptions#checkpointDir()} set, every epoch ends with a
 * checkpoint and a call with the same settings and data resumes after the last completed epoch,
 * reaching the weights an uninterrupted run reaches; a finished run's checkpoint makes a repeated
 * call return at once. Progress: one {@code advanced} per batch and one {@code report} line per
 * epoch (loss, accuracy, images/s, learning rate, ETA) under the task {@code pretrain},
 * {@code finetune-lp} or {@code finetune-full}; cancellation is checked before every batch.
 */
public final class DjlTrainer implements Trainer {
  /** Name of this trainer. */
  public static final String NAME = "djl";

  private final SignalRecording recording;

  /** A trainer that records nothing (for {@link java.util.ServiceLoader}). */
  public DjlTrainer() {
    this(null);
  }

  private DjlTrainer(SignalRecording recording) {
    this.recording = recording;
  }

  /**
   * This trainer, but its {@link #pretrain} runs also record what the sample-level baselines need
   * (per-epoch correctness, early logits and features of every training sample) into the
   * recording's directory, in the same training loop. Finetuning records nothing.
   *
   * @throws IllegalArgumentException if the recording's epoch is beyond the options' epochs (checked
   *     when pretraining)
   */
  public DjlTrainer recordingSignals(SignalRecording signals) {
    return new DjlTrainer(requireNonNull(signals, "signals"));
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidInputException also if the architecture is unknown, the device is not the CPU, no
   *     sample is given, a label is out of range, or the checkpoint directory holds another run's
   *     checkpoint
   * @throws java.io.UncheckedIOException if a checkpoint or a recorded signal cannot be written
   * @throws IllegalArgumentException if this trainer records signals after an epoch beyond the
   *     options' epochs
   */
  @Override
  public PretrainedModel pretrain(ImageSet source, int[] samples, TrainingOptions options, RunControl control) {
    TrainingLoop.Outcome outcome = pretrainNetwork(source, samples, options, control);
    return new DjlPretrainedModel(outcome.network(), outcome.millis(), options.threads());
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidInputException also if the device is not the CPU
   */
  @Override
  public PretrainedModel initialise(int classCount, TrainingOptions options) {
    requireNonNull(options, "options");
    if (classCount < 1) {
      throw new InvalidInputException("classCount must be at least 1, got " + classCount);
    }
    Architecture architecture = checkOptions(options);
    return new DjlPretrainedModel(Network.create(architecture, classCount, options.seed()), 0, options.threads());
  }

  /**
   * Pretrains like {@link #pretrain} and hands over the network with its epoch records.
   *
   * @throws InvalidInputException as {@link #pretrain}
   */
  TrainingLoop.Outcome pretrainNetwork(ImageSet source, int[] samples, TrainingOptions options, RunControl control) {
    requireNonNull(source, "source");
    requireNonNull(samples, "samples");
    requireNonNull(options, "options");
    requireNonNull(control, "control");
    Architecture architecture = checkOptions(options);
    int classes = source.classNames().size();
    LabelledImages train = LabelledImages.of(source, "source", samples, classes);
    String key = null;
    if (options.checkpointDir() != null) {
      Hasher h = runKey("pretrain", options).putString(source.fingerprint(), StandardCharsets.UTF_8)
          .putInt(classes).putInt(samples.length);
      for (int s : samples) {
        h.putInt(s);
      }
      key = h.hash().toString();
    }
    if (recording != null && recording.logitsEpoch() > options.epochs()) {
      throw new IllegalArgumentException("the recording's logitsEpoch " + recording.logitsEpoch()
          + " is beyond the " + options.epochs() + " epochs of training");
    }
    TrainingLoop.Phase phase = new TrainingLoop.Phase("pretrain", options, false, train, null, key,
        recording == null ? null : new SignalRecorder(recording, train.size()));
    return TrainingLoop.run(phase, () -> Network.create(architecture, classes, options.seed()), control);
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidInputException also if {@code model} was not pretrained by this trainer or is of
   *     another architecture than the options name, the device is not the CPU, the target splits have
   *     different classes, or the checkpoint directory holds another run's checkpoint
   * @throws java.io.UncheckedIOException if a checkpoint cannot be written
   */
  @Override
  public Evaluation finetune(PretrainedModel model, ImageSet targetTrain, ImageSet targetTest, FinetuneMode mode,
      TrainingOptions options, RunControl control) {
    requireNonNull(model, "model");
    requireNonNull(targetTrain, "targetTrain");
    requireNonNull(targetTest, "targetTest");
    requireNonNull(mode, "mode");
    requireNonNull(options, "options");
    requireNonNull(control, "control");
    try (TrainingLoop.Outcome outcome = finetuneNetwork(model, targetTrain, targetTest, mode, options, control)) {
      return new Evaluation(mode, outcome.testAccuracies(), outcome.millis());
    }
  }

  /**
   * Finetunes like {@link #finetune} and hands over the finetuned network (for inspection).
   *
   * @throws InvalidInputException as {@link #finetune}
   */
  TrainingLoop.Outcome finetuneNetwork(PretrainedModel model, ImageSet targetTrain, ImageSet targetTest,
      FinetuneMode mode, TrainingOptions options, RunControl control) {
    Architecture architecture = checkOptions(options);
    if (!(model instanceof DjlPretrainedModel pretrained)) {
      throw new InvalidInputException("the djl trainer finetunes only models it pretrained, got a "
          + model.getClass().getName());
    }
    Network backbone = pretrained.network();
    if (!backbone.architecture().equals(architecture)) {
      throw new InvalidInputException("the finetuning options name " + architecture.name() + " of width "
          + architecture.width() + " but the pretrained model is " + backbone.describe());
    }
    List<String> classNames = targetTrain.classNames();
    if (!targetTest.classNames().equals(classNames)) {
      throw new InvalidInputException("the target test split's classes " + targetTest.classNames()
          + " differ from the training split's " + classNames);
    }
    int classes = classNames.size();
    LabelledImages train = LabelledImages.all(targetTrain, "target train", classes);
    LabelledImages test = LabelledImages.all(targetTest, "target test", classes);
    String task = mode == FinetuneMode.LINEAR_PROBE ? "finetune-lp" : "finetune-full";
    String key = options.checkpointDir() == null ? null : runKey(task, options)
        .putString(backbone.fingerprint(), StandardCharsets.UTF_8)
        .putString(targetTrain.fingerprint(), StandardCharsets.UTF_8)
        .putString(targetTest.fingerprint(), StandardCharsets.UTF_8).hash().toString();
    TrainingLoop.Phase phase =
        new TrainingLoop.Phase(task, options, mode == FinetuneMode.LINEAR_PROBE, train, test, key);
    return TrainingLoop.run(phase, () -> backbone.withNewHead(classes, options.seed()), control);
  }

  private static Architecture checkOptions(TrainingOptions options) {
    if (!options.device().equals("cpu")) {
      throw new InvalidInputException("the djl trainer runs on the CPU only (it ships PyTorch's CPU natives);"
          + " device '" + options.device() + "' is not available, use \"cpu\"");
    }
    return Architecture.parse(options.architecture(), options.width());
  }

  /**
   * Hash of the phase and every option that shapes the result (not threads, device or checkpoints);
   * computed only for runs with checkpoints, since data fingerprints may be costly.
   */
  private static Hasher runKey(String task, TrainingOptions o) {
    return Hashing.sha256().newHasher()
        .putString(task, StandardCharsets.UTF_8)
        .putString(o.architecture(), StandardCharsets.UTF_8)
        .putInt(o.width()).putInt(o.epochs()).putInt(o.batchSize())
        .putDouble(o.learningRate()).putDouble(o.momentum()).putDouble(o.weightDecay())
        .putInt(o.warmupEpochs()).putBoolean(o.augment()).putLong(o.seed());
  }
}
