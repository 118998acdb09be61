package io.dp4tl.core.scoring.internal;

import io.dp4tl.api.Ranking;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders source classes from per-target-class vote counts so that every target class is covered
 * before any is served twice. Pure functions of the count matrix; ties always go to the lower
 * index.
 */
public final class CoverageAllocation {
  private CoverageAllocation() {}

  /**
   * Round-robin allocation: in each round every target class, in ascending index, adds its
   * best-mapped source class not yet taken (most votes, then lowest source index), skipping target
   * classes with no voted class left; rounds repeat until no votes remain. The source classes no
   * target class voted for follow in exact Label Mapping order (total votes, then index).
   *
   * @param votes {@code votes[t][s]}: target samples of class t whose argmax is source class s
   * @return every source class, best first
   */
  public static int[] roundRobin(long[][] votes, int sourceClasses) {
    boolean[] taken = new boolean[sourceClasses];
    List<Integer> order = new ArrayList<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (long[] row : votes) {
        int best = bestUntaken(row, taken);
        if (best >= 0) {
          taken[best] = true;
          order.add(best);
          progress = true;
        }
      }
    }
    return fill(order, taken, votes, sourceClasses);
  }

  /**
   * Greedy one-to-one mapping (as in the visual-prompting work DP4TL builds on): repeatedly take
   * the largest remaining (source, target) count (ties: lower source, then lower target), keep that
   * source class and block its row and the target's column, until every target class is mapped or
   * no votes remain. The rest follow in exact Label Mapping order.
   *
   * @return every source class, best first
   */
  public static int[] greedyOneToOne(long[][] votes, int sourceClasses) {
    boolean[] taken = new boolean[sourceClasses];
    boolean[] mapped = new boolean[votes.length];
    List<Integer> order = new ArrayList<>();
    while (true) {
      long bestCount = 0;
      int bestS = -1;
      int bestT = -1;
      for (int s = 0; s < sourceClasses; s++) {
        if (taken[s]) {
          continue;
        }
        for (int t = 0; t < votes.length; t++) {
          if (!mapped[t] && votes[t][s] > bestCount) {
            bestCount = votes[t][s];
            bestS = s;
            bestT = t;
          }
        }
      }
      if (bestS < 0) {
        break;
      }
      taken[bestS] = true;
      mapped[bestT] = true;
      order.add(bestS);
    }
    return fill(order, taken, votes, sourceClasses);
  }

  private static int bestUntaken(long[] row, boolean[] taken) {
    int best = -1;
    for (int s = 0; s < row.length; s++) {
      if (!taken[s] && row[s] > 0 && (best < 0 || row[s] > row[best])) {
        best = s;
      }
    }
    return best;
  }

  private static int[] fill(List<Integer> order, boolean[] taken, long[][] votes, int sourceClasses) {
    double[] total = new double[sourceClasses];
    for (long[] row : votes) {
      for (int s = 0; s < sourceClasses; s++) {
        total[s] += row[s];
      }
    }
    for (int s : Ranking.rank(total)) {
      if (!taken[s]) {
        order.add(s);
      }
    }
    return order.stream().mapToInt(Integer::intValue).toArray();
  }
}
