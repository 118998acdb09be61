package io.dp4tl.core.internal;

import java.util.SplittableRandom;

/** Seeded random permutations, the one shuffle every part of dp4tl-core uses. */
public final class Permutations {
  private Permutations() {}

  /**
   * A uniformly random permutation of {@code 0..n-1} drawn from {@code seed}: Fisher-Yates with a
   * {@link SplittableRandom}, so the same seed gives the same order on every JVM.
   */
  public static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
