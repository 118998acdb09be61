package io.dp4tl.djl.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.djl.internal.Network;
import io.dp4tl.core.io.Npy;
import io.dp4tl.core.io.NpyArray;
import io.dp4tl.core.io.NpyRowWriter;
import io.dp4tl.djl.train.SignalRecording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a {@link SignalRecording} during one training run: the correctness of every sample in
 * every epoch's training pass, and after the chosen epoch the logits and penultimate features of
 * every training sample. Files are written atomically; a run resumed from a checkpoint continues
 * the correctness file of its earlier epochs.
 */
public final class SignalRecorder {
  private final SignalRecording recording;
  private final int samples;
  private final List<byte[]> epochs = new ArrayList<>();
  private byte[] current;

  /** @param samples the number of training samples (the recorded rows or columns) */
  public SignalRecorder(SignalRecording recording, int samples) {
    this.recording = recording;
    this.samples = samples;
  }

  /**
   * Takes up the correctness of the epochs a resumed run already did.
   *
   * @throws InvalidInputException if the recording directory does not hold those epochs
   */
  void resume(int epochsDone) {
    if (epochsDone == 0) {
      return;
    }
    Path file = recording.dir().resolve(SignalRecording.CORRECTNESS);
    if (!Files.isRegularFile(file)) {
      throw mismatch(file, "is missing");
    }
    NpyArray saved = Npy.read(file);
    long[] shape = saved.shape();
    // A run stopped between the recording and its checkpoint has one row more: that epoch is redone.
    if (shape.length != 2 || shape[0] < epochsDone || shape[1] != samples) {
      throw mismatch(file, "holds shape " + java.util.Arrays.toString(shape));
    }
    for (int t = 0; t < epochsDone; t++) {
      byte[] row = new byte[samples];
      saved.copyUint8("recorded correctness", (long) t * samples, row, 0, samples);
      epochs.add(row);
    }
  }

  private InvalidInputException mismatch(Path file, String what) {
    return new InvalidInputException(file + " " + what + " but the checkpoint resumes this run's training: record"
        + " into a fresh directory or remove the checkpoint");
  }

  /** Starts an epoch's correctness row. */
  void startEpoch() {
    current = new byte[samples];
  }

  /**
   * Notes which samples of one batch the training pass classified correctly.
   *
   * @param positions the training positions of the batch's samples, in batch order
   * @param predicted the argmax of each sample's logits
   * @param labels each sample's label
   */
  void batch(int[] positions, int from, long[] predicted, long[] labels) {
    for (int k = 0; k < labels.length; k++) {
      current[positions[from + k]] = (byte) (predicted[k] == labels[k] ? 1 : 0);
    }
  }

  /**
   * Ends epoch {@code epoch} (0-based): rewrites the correctness file, and after the recording's
   * epoch records the logits and features of every training sample.
   *
   * @throws UncheckedIOException if a file cannot be written
   */
  void endEpoch(int epoch, Network network, LabelledImages train, int batchSize, RunControl control) {
    epochs.add(current);
    byte[] all = new byte[epochs.size() * samples];
    for (int t = 0; t < epochs.size(); t++) {
      System.arraycopy(epochs.get(t), 0, all, t * samples, samples);
    }
    try {
      Npy.writeUint8(recording.dir().resolve(SignalRecording.CORRECTNESS), all,
          new long[] {epochs.size(), samples});
      if (epoch + 1 == recording.logitsEpoch()) {
        writeOutputs(network, train, batchSize, control);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record training signals in " + recording.dir() + ": "
          + e.getMessage(), e);
    }
  }

  private void writeOutputs(Network network, LabelledImages train, int batchSize, RunControl control)
      throws IOException {
    int[] order = new int[train.size()];
    java.util.Arrays.setAll(order, i -> i);
    Path dir = recording.dir();
    try (NpyRowWriter logits = new NpyRowWriter(dir.resolve(SignalRecording.LOGITS), samples, network.classCount());
        NpyRowWriter features = new NpyRowWriter(dir.resolve(SignalRecording.FEATURES), samples,
            network.architecture().featureWidth());
        BatchStream batches = new BatchStream(train, order, batchSize, false, 0)) {
      for (int b = 0; b < batches.batches(); b++) {
        control.checkCancelled("record signals");
        HostBatch batch = batches.next();
        try (NDManager scope = network.manager().newSubManager()) {
          NDArray images = scope.create(batch.pixels(), Network.inputShape(batch.size()));
          NDArray h = network.features(images, false);
          NDArray z = network.logits(h, false);
          features.append(h.toFloatArray(), batch.size());
          logits.append(z.toFloatArray(), batch.size());
        }
      }
      logits.commit();
      features.commit();
    }
  }
}
