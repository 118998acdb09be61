package io.dp4tl.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RankingTest {

  @Test
  void ranksByScoreDescendingThenIndexAscending() {
    assertThat(Ranking.rank(new double[] {4, 0, 4, 2, 1, 4, 3, 2, 3, 2}))
        .containsExactly(0, 2, 5, 6, 8, 3, 7, 9, 4, 1);
  }

  @Test
  void negativeScoresAndZerosKeepTheTieRule() {
    assertThat(Ranking.rank(new double[] {-0.0, -3, -0.0, -1})).containsExactly(0, 2, 3, 1);
  }

  @Test
  void emptyScoresGiveAnEmptyRanking() {
    assertThat(Ranking.rank(new double[0])).isEmpty();
  }
}
