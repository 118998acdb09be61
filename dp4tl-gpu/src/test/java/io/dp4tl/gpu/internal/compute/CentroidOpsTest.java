package io.dp4tl.gpu.internal.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CentroidOpsTest {

  @Test
  void farthestRowsComeLargestDistanceFirstLowestRowOnTies() {
    double[] distances = {1.0, 7.0, 3.0, 7.0, 0.5, 3.0, 9.0};

    assertThat(CentroidOps.farthest(distances, 1)).containsExactly(6);
    assertThat(CentroidOps.farthest(distances, 3)).containsExactly(6, 1, 3);
    assertThat(CentroidOps.farthest(distances, 5)).containsExactly(6, 1, 3, 2, 5);
    assertThat(CentroidOps.farthest(distances, 7)).containsExactly(6, 1, 3, 2, 5, 0, 4);
  }

  @Test
  void allEqualDistancesGiveTheLowestRows() {
    assertThat(CentroidOps.farthest(new double[] {0, 0, 0, 0, 0}, 3)).containsExactly(0, 1, 2);
  }
}
