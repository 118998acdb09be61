package io.dp4tl.djl.train.internal;

import ai.djl.ndarray.NDArray;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.core.io.AtomicFiles;
import io.dp4tl.djl.internal.Network;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The checkpoint of one training run: after every epoch, the network (weights and batch-norm
 * statistics), the optimiser's momentum buffers and the epoch records replace the previous ones in
 * {@code <dir>/<task>-<key>.ckpt}, atomically. A run is identified by a key (a hash of everything
 * that determines its result: settings, data, seed; not the thread count), so a checkpoint is only
 * resumed by the same run. Only the latest epoch is kept.
 *
 * <p>File layout: {@code DP4TLCKP}, format version (int32), the key (modified UTF-8), the number of
 * epochs done, for each its loss, train and test accuracy (float64) and wall time (int64), the
 * network as {@link Network#write} writes it, then the number of momentum buffers and each one's
 * length and float32 values.
 */
final class Checkpoint {
  private static final byte[] MAGIC = "DP4TLCKP".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

  private final Path file;
  private final String key;

  private Checkpoint(Path file, String key) {
    this.file = file;
    this.key = key;
  }

  /** The checkpoint of run {@code key} of {@code task} in {@code dir}. */
  static Checkpoint in(Path dir, String task, String key) {
    return new Checkpoint(dir.resolve(task + "-" + key.substring(0, 16) + ".ckpt"), key);
  }

  /** What a checkpoint holds; the caller owns the network. */
  record Saved(Network network, List<float[]> momentum, List<EpochRecord> epochs) {}

  /**
   * The saved state, or empty if the run has no checkpoint yet.
   *
   * @throws InvalidInputException if the file exists but is not a checkpoint of this run
   */
  Optional<Saved> read() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC) || in.readInt() != VERSION) {
        throw unusable("it is not a dp4tl checkpoint of this version");
      }
      if (!in.readUTF().equals(key)) {
        throw unusable("it belongs to another run");
      }
      int done = in.readInt();
      List<EpochRecord> epochs = new ArrayList<>(done);
      for (int e = 0; e < done; e++) {
        epochs.add(new EpochRecord(in.readDouble(), in.readDouble(), in.readDouble(), in.readLong()));
      }
      Network network = Network.read(in);
      try {
        int buffers = in.readInt();
        List<float[]> momentum = new ArrayList<>(buffers);
        for (int b = 0; b < buffers; b++) {
          float[] values = new float[in.readInt()];
          for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
          }
          momentum.add(values);
        }
        return Optional.of(new Saved(network, momentum, epochs));
      } catch (IOException | RuntimeException e) {
        network.close();
        throw e;
      }
    } catch (IOException e) {
      throw unusable("it cannot be read: " + e.getMessage());
    }
  }

  /**
   * Replaces the checkpoint with the current state.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  void write(Network network, List<NDArray> momentum, List<EpochRecord> epochs) {
    try {
      AtomicFiles.write(file, out -> {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
        data.write(MAGIC);
        data.writeInt(VERSION);
        data.writeUTF(key);
        data.writeInt(epochs.size());
        for (EpochRecord e : epochs) {
          data.writeDouble(e.loss());
          data.writeDouble(e.trainAccuracy());
          data.writeDouble(e.testAccuracy());
          data.writeLong(e.millis());
        }
        network.write(data);
        data.writeInt(momentum.size());
        for (NDArray buffer : momentum) {
          float[] values = buffer.toFloatArray();
          data.writeInt(values.length);
          for (float v : values) {
            data.writeFloat(v);
          }
        }
        data.flush();
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file, e);
    }
  }

  private InvalidInputException unusable(String why) {
    return new InvalidInputException("checkpoint " + file + " cannot be resumed: " + why
        + "; delete it or choose another checkpoint directory");
  }
}
