package io.dp4tl.api.spi;

import java.io.IOException;
import java.nio.file.Path;

/** A network produced by {@link Trainer#pretrain}; owns native memory until closed. */
public interface PretrainedModel extends AutoCloseable {

  /** Number of source classes its head scores. */
  int classCount();

  /** Wall time of pretraining in milliseconds. */
  long trainingMillis();

  /** This network as a surrogate (logits and penultimate features) for Label or Feature Mapping. */
  ModelBackend asSurrogate();

  /**
   * Saves the weights.
   *
   * @throws IOException if the file cannot be written
   */
  void save(Path file) throws IOException;

  @Override
  void close();
}
