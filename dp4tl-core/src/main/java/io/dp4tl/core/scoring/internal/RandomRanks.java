package io.dp4tl.core.scoring.internal;

import io.dp4tl.core.internal.Permutations;

/** Scores that rank items in a uniformly random, seeded order. */
public final class RandomRanks {
  private RandomRanks() {}

  /**
   * Scores of {@code n} items such that ranking them (score descending) gives a uniformly random
   * permutation drawn from {@code seed} ({@link Permutations#shuffled}): the item
   * drawn first scores n, the last 1.
   */
  public static double[] scores(int n, long seed) {
    int[] order = Permutations.shuffled(n, seed);
    double[] scores = new double[n];
    for (int position = 0; position < n; position++) {
      scores[order[position]] = n - position;
    }
    return scores;
  }
}
