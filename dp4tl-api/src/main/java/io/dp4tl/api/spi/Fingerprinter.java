package io.dp4tl.api.spi;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;

/**
 * Fingerprints a run's inputs for {@link io.dp4tl.api.Provenance#fingerprints()}: a hash that
 * identifies the exact values of each input, named by {@link #algorithm()} in the provenance.
 * dp4tl-core provides {@code xxh3-128-4m} (found by {@link java.util.ServiceLoader}); without it
 * the API falls back to {@code sha256}. A fingerprint never depends on the thread count.
 */
public interface Fingerprinter {

  /** Name of the algorithm, recorded as {@code provenance.fingerprintAlgorithm}. */
  String algorithm();

  /**
   * Of a matrix: its shape and its values as little-endian float32, row-major.
   *
   * @param threads threads it may use (at least 1)
   */
  String matrix(FloatMatrix matrix, int threads);

  /** Of an integer vector (labels, groups): its length and its values as little-endian int32. */
  String ints(IntColumn values);
}
