package io.dp4tl.djl.backend;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.ModelException;
import io.dp4tl.api.data.Image;
import io.dp4tl.api.spi.Batch;
import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.api.spi.ModelInfo;
import io.dp4tl.api.spi.ModelOutput;
import io.dp4tl.djl.Architecture;
import io.dp4tl.djl.DjlEngines;
import io.dp4tl.djl.internal.ImageEncoder;
import io.dp4tl.djl.internal.ModelFile;
import io.dp4tl.djl.internal.Network;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A dp4tl DJL network (trained by the {@code djl} trainer) as a surrogate: logits over its classes
 * and the pooled penultimate feature, computed with batch-norm in inference mode. {@link #encode}
 * applies exactly the preprocessing of training: 32x32 grey, {@code v / 255}, channel-first. The
 * fingerprint is the SHA-256 of the parameters (see {@code Network#fingerprint}), so the same
 * weights give the same fingerprint whichever file they were read from.
 */
public final class DjlModelBackend implements ModelBackend {
  private final Network network;
  private final ModelInfo info;
  private final int threads;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DjlModelBackend(Network network, String name, int threads) {
    this.network = network;
    this.threads = threads;
    this.info = new ModelInfo(name, DjlEngines.description(), "cpu", network.fingerprint(), Architecture.inputShape(),
        network.classCount(), network.architecture().featureWidth());
  }

  /**
   * Opens a network saved by {@code PretrainedModel.save} of the {@code djl} trainer.
   *
   * @param threads intra-op threads of {@link #run}
   * @throws ModelException if the file is missing or not such a network
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public static DjlModelBackend open(Path file, int threads) {
    requireNonNull(file, "file");
    checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
    Network network = ModelFile.read(file);
    try {
      return new DjlModelBackend(network, file.getFileName().toString(), threads);
    } catch (RuntimeException e) {
      network.close();
      throw e;
    }
  }

  /**
   * Wraps a network, taking ownership of it (closing the backend closes it).
   *
   * @param name model name for {@link ModelInfo#name()}
   * @param threads intra-op threads of {@link #run}
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public static DjlModelBackend of(Network network, String name, int threads) {
    requireNonNull(network, "network");
    requireNonNull(name, "name");
    checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
    return new DjlModelBackend(network, name, threads);
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public void encode(Image image, float[] dst, int offset) {
    requireNonNull(image, "image");
    if (offset < 0 || dst.length - offset < ImageEncoder.PIXELS) {
      throw new InvalidInputException("cannot encode an image at offset " + offset + " of a buffer of " + dst.length
          + " floats: " + info.name() + " needs " + ImageEncoder.PIXELS + " floats per image");
    }
    ImageEncoder.toFloats(ImageEncoder.grey(image), dst, offset);
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidInputException if the batch's input is shorter than its samples need
   * @throws IllegalStateException if the backend is closed
   */
  @Override
  public ModelOutput run(Batch batch) {
    requireNonNull(batch, "batch");
    if (closed.get()) {
      throw new IllegalStateException(info.name() + " is closed");
    }
    int n = batch.size();
    int needed = n * ImageEncoder.PIXELS;
    if (batch.input().length < needed) {
      throw new InvalidInputException("a batch of " + n + " samples for " + info.name() + " needs " + needed
          + " input floats, got " + batch.input().length);
    }
    if (n == 0) {
      return new ModelOutput(batch.wantLogits() ? new float[0] : null, batch.wantFeatures() ? new float[0] : null);
    }
    DjlEngines.prepareThread(threads);
    try (NDManager scope = network.manager().newSubManager()) {
      NDArray images = scope.create(FloatBuffer.wrap(batch.input(), 0, needed), Network.inputShape(n));
      NDArray features = network.features(images, false);
      float[] logits = batch.wantLogits() ? network.logits(features, false).toFloatArray() : null;
      return new ModelOutput(logits, batch.wantFeatures() ? features.toFloatArray() : null);
    } catch (RuntimeException e) {
      throw new ModelException(info.name() + " failed on a batch of " + n + " samples starting at sample "
          + batch.sampleIndices()[0] + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      network.close();
    }
  }
}
