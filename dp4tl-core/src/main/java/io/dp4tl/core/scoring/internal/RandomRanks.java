package io.dp4tl.core.scoring.internal;

import java.util.SplittableRandom;

/** Scores that rank items in a uniformly random, seeded order. */
public final class RandomRanks {
  private RandomRanks() {}

  /**
   * Scores of {@code n} items such that ranking them (score descending) gives a uniformly random
   * permutation drawn from {@code seed} (Fisher-Yates with a {@link SplittableRandom}): the item
   * drawn first scores n, the last 1.
   */
  public static double[] scores(int n, long seed) {
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
    double[] scores = new double[n];
    for (int position = 0; position < n; position++) {
      scores[order[position]] = n - position;
    }
    return scores;
  }
}
