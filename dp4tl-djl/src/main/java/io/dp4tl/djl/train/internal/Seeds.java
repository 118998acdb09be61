package io.dp4tl.djl.train.internal;

/** Derives independent seeds from a run's seed and a position (epoch, batch), SplitMix64-style. */
final class Seeds {
  private Seeds() {}

  /** A well-mixed seed for {@code (seed, index)}; different indices give unrelated streams. */
  static long mix(long seed, long index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
