package io.dp4tl.api;

import java.util.Arrays;

/**
 * The ranking rule shared by every method: groups by score, descending; equal scores by group
 * index, ascending (the dp4tl tie rule). A pure function, testable without models.
 */
public final class Ranking {
  private Ranking() {}

  /** Group indices best first. */
  public static int[] rank(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Arrays.sort on objects is a stable merge sort: equal scores keep ascending index order.
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    int[] ranking = new int[order.length];
    for (int i = 0; i < ranking.length; i++) {
      ranking[i] = order[i];
    }
    return ranking;
  }

  /** {@code values} in ranking order: entry i is {@code values[ranking[i]]}. */
  static double[] inOrder(double[] values, int[] ranking) {
    double[] ranked = new double[ranking.length];
    for (int i = 0; i < ranked.length; i++) {
      ranked[i] = values[ranking[i]];
    }
    return ranked;
  }
}
