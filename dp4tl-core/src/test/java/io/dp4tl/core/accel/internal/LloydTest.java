package io.dp4tl.core.accel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LloydTest {

  @Test
  void farthestRowsComeLargestFirstWithLowerRowsFirstOnTies() {
    double[] distances = {1, 5, 3, 5, 0, 9, 3, 5};
    assertThat(Lloyd.farthest(distances, 1)).containsExactly(5);
    assertThat(Lloyd.farthest(distances, 4)).containsExactly(5, 1, 3, 7);
    assertThat(Lloyd.farthest(distances, 6)).containsExactly(5, 1, 3, 7, 2, 6);
    assertThat(Lloyd.farthest(distances, 20)).containsExactly(5, 1, 3, 7, 2, 6, 0, 4);
    assertThat(Lloyd.farthest(new double[] {2, 2, 2}, 2)).containsExactly(0, 1);
  }
}
