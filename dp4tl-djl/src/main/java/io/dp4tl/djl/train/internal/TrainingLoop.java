package io.dp4tl.djl.train.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import com.google.common.collect.ImmutableList;
import io.dp4tl.api.progress.ProgressListener;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.TrainingOptions;
import io.dp4tl.core.internal.Permutations;
import io.dp4tl.djl.DjlEngines;
import io.dp4tl.djl.internal.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Trains a {@link Network} for a number of epochs: seeded shuffling and augmentation, momentum SGD
 * with warm-up and cosine decay, a checkpoint after every epoch and resumption from it, progress per
 * batch and per epoch, cancellation checked before every batch.
 *
 * <p>Determinism: initial weights, shuffling and augmentation come from the seed alone, never from
 * PyTorch's global generator; every reduction the loop itself does runs in a fixed order. PyTorch's
 * CPU kernels are deterministic for a given intra-op thread count, so the same settings, data and
 * thread count give bit-identical weights, and a run resumed from its checkpoint ends with the
 * weights of an uninterrupted one. Another thread count may change the last bits.
 *
 * <p>DJL's PyTorch engine lets one gradient collector exist per JVM, so runs are serialised: a
 * second run started while one trains waits for it.
 */
public final class TrainingLoop {
  private static final Object ONE_AT_A_TIME = new Object();

  private TrainingLoop() {}

  /**
   * One training phase.
   *
   * @param task name of the phase in progress reports and checkpoint files, e.g. {@code "pretrain"}
   * @param options settings (epochs, batch, optimiser, seed, threads, checkpoint directory)
   * @param headOnly train only the head, with the backbone frozen and its batch-norm layers in
   *     inference mode (a linear probe); otherwise train every weight
   * @param train training samples
   * @param test samples to evaluate after every epoch, or {@code null}
   * @param runKey identifies the run's result (settings, data, seed) for checkpoints; {@code null}
   *     when the options name no checkpoint directory
   * @param recorder records training signals of the run (correctness per epoch, early logits), or
   *     {@code null}
   */
  public record Phase(String task, TrainingOptions options, boolean headOnly, LabelledImages train,
      LabelledImages test, String runKey, SignalRecorder recorder) {
    public Phase {
      requireNonNull(task, "task");
      requireNonNull(options, "options");
      requireNonNull(train, "train");
      checkArgument(options.checkpointDir() == null || runKey != null, "a run with checkpoints needs a key");
    }

    /** A phase that records nothing. */
    public Phase(String task, TrainingOptions options, boolean headOnly, LabelledImages train, LabelledImages test,
        String runKey) {
      this(task, options, headOnly, train, test, runKey, null);
    }
  }

  /**
   * What a phase gave; the caller owns the network.
   *
   * @param network the trained network
   * @param epochs one record per epoch, including epochs done before a resumption
   */
  public record Outcome(Network network, List<EpochRecord> epochs) implements AutoCloseable {
    /** Wall time of all epochs, including those before a resumption. */
    public long millis() {
      return epochs.stream().mapToLong(EpochRecord::millis).sum();
    }

    /** Test accuracy after each epoch. */
    public double[] testAccuracies() {
      return epochs.stream().mapToDouble(EpochRecord::testAccuracy).toArray();
    }

    /** Closes the network. */
    @Override
    public void close() {
      network.close();
    }
  }

  /**
   * Runs a phase, resuming from its checkpoint when one exists.
   *
   * @param fresh creates the network to start from when there is no checkpoint
   * @throws io.dp4tl.api.CancelledException if cancelled (the last checkpoint stays)
   * @throws io.dp4tl.api.InvalidInputException if a checkpoint of another run is in the way or an
   *     image cannot be read
   */
  public static Outcome run(Phase phase, Supplier<Network> fresh, RunControl control) {
    synchronized (ONE_AT_A_TIME) {
      DjlEngines.prepareThread(phase.options().threads());
      Checkpoint checkpoint = phase.options().checkpointDir() == null
          ? null
          : Checkpoint.in(phase.options().checkpointDir(), phase.task(), phase.runKey());
      Optional<Checkpoint.Saved> saved = checkpoint == null ? Optional.empty() : checkpoint.read();
      Network network = saved.map(Checkpoint.Saved::network).orElseGet(fresh);
      ProgressListener progress = control.progress();
      try {
        List<EpochRecord> epochs = new ArrayList<>(saved.map(Checkpoint.Saved::epochs).orElse(List.of()));
        if (phase.recorder() != null) {
          phase.recorder().resume(epochs.size());
        }
        try (Sgd sgd = optimiser(network, phase)) {
          saved.ifPresent(s -> sgd.restore(s.momentum()));
          new Epochs(phase, network, sgd, checkpoint, control).run(epochs);
        }
        return new Outcome(network, ImmutableList.copyOf(epochs));
      } catch (RuntimeException | Error e) {
        network.close();
        throw e;
      } finally {
        progress.finished(phase.task());
      }
    }
  }

  private static Sgd optimiser(Network network, Phase phase) {
    List<NDArray> trained = new ArrayList<>(network.arrays(Network.Part.HEAD, true));
    for (NDArray w : network.arrays(Network.Part.BACKBONE, true)) {
      w.setRequiresGradient(!phase.headOnly());
      if (!phase.headOnly()) {
        trained.add(w);
      }
    }
    for (NDArray w : network.arrays(Network.Part.HEAD, true)) {
      w.setRequiresGradient(true);
    }
    TrainingOptions o = phase.options();
    return new Sgd(network.manager(), trained, o.momentum(), o.weightDecay());
  }

  /** The epoch loop of one run. */
  private static final class Epochs {
    private final Phase phase;
    private final TrainingOptions options;
    private final Network network;
    private final Sgd sgd;
    private final Checkpoint checkpoint;
    private final RunControl control;
    private final Loss loss = Loss.softmaxCrossEntropyLoss();
    private final int stepsPerEpoch;
    private final LearningRate rate;

    /** @param checkpoint where to save after every epoch, or {@code null} */
    Epochs(Phase phase, Network network, Sgd sgd, Checkpoint checkpoint, RunControl control) {
      this.phase = phase;
      this.options = phase.options();
      this.network = network;
      this.sgd = sgd;
      this.checkpoint = checkpoint;
      this.control = control;
      this.stepsPerEpoch = (phase.train().size() + options.batchSize() - 1) / options.batchSize();
      long total = (long) stepsPerEpoch * options.epochs();
      this.rate = new LearningRate(options.learningRate(), (long) stepsPerEpoch * options.warmupEpochs(), total);
    }

    void run(List<EpochRecord> epochs) {
      String task = phase.task();
      long totalSteps = (long) stepsPerEpoch * options.epochs();
      control.progress().started(task, totalSteps);
      long sessionMillis = 0;
      int sessionEpochs = 0;
      for (int epoch = epochs.size(); epoch < options.epochs(); epoch++) {
        long start = System.nanoTime();
        double[] sums = trainEpoch(epoch);
        long trainMillis = (System.nanoTime() - start) / 1_000_000;
        double testAccuracy = phase.test() == null ? Double.NaN : evaluate(phase.test());
        long millis = (System.nanoTime() - start) / 1_000_000;
        int n = phase.train().size();
        EpochRecord record = new EpochRecord(sums[0] / n, sums[1] / n, testAccuracy, millis);
        epochs.add(record);
        if (phase.recorder() != null) {
          phase.recorder().endEpoch(epoch, network, phase.train(), options.batchSize(), control);
        }
        if (checkpoint != null) {
          checkpoint.write(network, sgd.state(), epochs);
        }
        sessionMillis += millis;
        sessionEpochs++;
        long eta = sessionMillis / sessionEpochs * (options.epochs() - epoch - 1);
        control.progress().report(task, ProgressLines.epoch(epoch + 1, options.epochs(), record, n, trainMillis,
            rate.at(Math.min((long) (epoch + 1) * stepsPerEpoch, totalSteps) - 1), eta));
      }
    }

    /** Trains one epoch; returns the summed loss and the number of correct predictions. */
    private double[] trainEpoch(int epoch) {
      LabelledImages train = phase.train();
      int[] order = Permutations.shuffled(train.size(), Seeds.mix(options.seed(), 2L * epoch));
      double lossSum = 0;
      long correct = 0;
      long step = (long) epoch * stepsPerEpoch;
      long totalSteps = (long) stepsPerEpoch * options.epochs();
      SignalRecorder recorder = phase.recorder();
      if (recorder != null) {
        recorder.startEpoch();
      }
      try (BatchStream batches = new BatchStream(train, order, options.batchSize(), options.augment(),
          Seeds.mix(options.seed(), 2L * epoch + 1))) {
        for (int b = 0; b < batches.batches(); b++, step++) {
          control.checkCancelled(phase.task());
          HostBatch batch = batches.next();
          try (NDManager scope = network.manager().newSubManager()) {
            NDArray images = scope.create(batch.pixels(), Network.inputShape(batch.size()));
            NDArray labels = scope.create(batch.labels());
            NDArray logits;
            NDArray value;
            NDArray features = phase.headOnly() ? network.features(images, false) : null;
            try (GradientCollector collector = DjlEngines.pytorch().newGradientCollector()) {
              if (features == null) {
                features = network.features(images, true);
              }
              logits = network.logits(features, true);
              value = loss.evaluate(new NDList(labels), new NDList(logits));
              collector.backward(value);
            }
            lossSum += value.getFloat() * batch.size();
            NDArray predicted = logits.argMax(1);
            correct += predicted.eq(labels).countNonzero().getLong();
            if (recorder != null) {
              recorder.batch(order, b * options.batchSize(), predicted.toLongArray(), batch.labels());
            }
          }
          sgd.step(rate.at(step));
          control.progress().advanced(phase.task(), step + 1, totalSteps);
        }
      }
      return new double[] {lossSum, correct};
    }

    private double evaluate(LabelledImages test) {
      int[] order = new int[test.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      long correct = 0;
      try (BatchStream batches = new BatchStream(test, order, options.batchSize(), false, 0)) {
        for (int b = 0; b < batches.batches(); b++) {
          control.checkCancelled(phase.task());
          HostBatch batch = batches.next();
          try (NDManager scope = network.manager().newSubManager()) {
            NDArray images = scope.create(batch.pixels(), Network.inputShape(batch.size()));
            NDArray labels = scope.create(batch.labels());
            NDArray logits = network.logits(network.features(images, false), false);
            correct += logits.argMax(1).eq(labels).countNonzero().getLong();
          }
        }
      }
      return (double) correct / test.size();
    }
  }
}
