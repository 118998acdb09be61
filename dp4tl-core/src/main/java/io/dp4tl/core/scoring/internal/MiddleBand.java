package io.dp4tl.core.scoring.internal;

import io.dp4tl.api.data.IntColumn;
import java.util.Arrays;

/**
 * Moderate-DS's "keep the middle band" as a ranking. With the samples ordered by
 * {@code (distance, index)} ascending, keeping N of n keeps sorted positions
 * {@code lo .. lo + N - 1}, {@code lo = floor((n - N) / 2)}. These bands are nested (the band for
 * N + 1 is the band for N plus one position, alternately on the left and on the right), so each
 * position enters at one N, and ranking positions by that N reproduces every band as a prefix:
 * the score of a sample is {@code n - (the smallest N whose band holds it)}, from n - 1 (the
 * median position) down to 0, never tied.
 */
public final class MiddleBand {
  private MiddleBand() {}

  /**
   * Centrality scores of every sample.
   *
   * @param distances one per sample
   * @return scores in [0, n - 1]: ranking them (descending) gives the middle band of every size
   */
  public static double[] scores(double[] distances) {
    int[] all = new int[distances.length];
    Arrays.setAll(all, i -> i);
    double[] scores = new double[distances.length];
    assign(distances, all, scores);
    return scores;
  }

  /**
   * Centrality scores within each class: the middle band of every class, whatever its size.
   *
   * @param labels class of each sample, each in [0, classes)
   */
  public static double[] scoresPerClass(double[] distances, IntColumn labels, int classes) {
    double[] scores = new double[distances.length];
    for (int[] members : ClassMembers.of(labels, classes)) {
      assign(distances, members, scores);
    }
    return scores;
  }

  /** Scores {@code members} (ascending indices) by their band entry among themselves. */
  private static void assign(double[] distances, int[] members, double[] scores) {
    int n = members.length;
    Integer[] order = new Integer[n];
    for (int k = 0; k < n; k++) {
      order[k] = members[k];
    }
    // A stable sort of ascending indices: equal distances stay in index order.
    Arrays.sort(order, (a, b) -> Double.compare(distances[a], distances[b]));
    int lo = 0;
    int hi = 0;
    for (int keep = 1; keep <= n; keep++) {
      int newLo = (n - keep) / 2;
      int entering;
      if (keep == 1) {
        entering = newLo;
        hi = newLo + 1;
      } else if (newLo < lo) {
        entering = newLo;
      } else {
        entering = hi++;
      }
      lo = newLo;
      scores[order[entering]] = n - keep;
    }
  }
}
