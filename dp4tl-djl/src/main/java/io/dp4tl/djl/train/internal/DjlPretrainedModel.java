package io.dp4tl.djl.train.internal;

import static java.util.Objects.requireNonNull;

import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.api.spi.PretrainedModel;
import io.dp4tl.djl.backend.DjlModelBackend;
import io.dp4tl.djl.internal.ModelFile;
import io.dp4tl.djl.internal.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A network pretrained by the {@code djl} trainer. {@link #asSurrogate()} gives an independent
 * copy, so the surrogate and this model can be closed in any order.
 */
public final class DjlPretrainedModel implements PretrainedModel {
  private final Network network;
  private final long trainingMillis;
  private final int threads;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Takes ownership of {@code network}.
   *
   * @param threads intra-op threads of the surrogates it gives
   */
  public DjlPretrainedModel(Network network, long trainingMillis, int threads) {
    this.network = requireNonNull(network, "network");
    this.trainingMillis = trainingMillis;
    this.threads = threads;
  }

  @Override
  public int classCount() {
    return network.classCount();
  }

  @Override
  public long trainingMillis() {
    return trainingMillis;
  }

  /** @throws IllegalStateException if the model is closed */
  @Override
  public ModelBackend asSurrogate() {
    return DjlModelBackend.of(open().copy(), network.architecture().name() + "-w" + network.architecture().width()
        + " (djl, " + network.classCount() + " classes)", threads);
  }

  /**
   * Writes the network in dp4tl's DJL format (open it again with the {@code djl} model backend).
   *
   * @throws IOException if the file cannot be written
   * @throws IllegalStateException if the model is closed
   */
  @Override
  public void save(Path file) throws IOException {
    requireNonNull(file, "file");
    ModelFile.write(file, open());
  }

  /**
   * The network itself, for the trainer (finetuning copies it).
   *
   * @throws IllegalStateException if the model is closed
   */
  public Network network() {
    return open();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      network.close();
    }
  }

  private Network open() {
    if (closed.get()) {
      throw new IllegalStateException("the pretrained model is closed");
    }
    return network;
  }
}
