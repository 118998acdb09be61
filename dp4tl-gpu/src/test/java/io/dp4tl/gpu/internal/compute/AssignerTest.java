package io.dp4tl.gpu.internal.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AssignerTest {

  @Test
  void chunksAreWholeSortTilesAndBoundTheDistanceBuffer() {
    int imagenet = Assigner.chunkRows(1_281_167, 512, 1000);
    assertThat(imagenet % Assigner.TILE).isZero();
    assertThat((long) imagenet * 1000).isLessThanOrEqualTo(1L << 26);
    assertThat(imagenet).isEqualTo(66_560);

    assertThat(Assigner.chunkRows(10, 3, 4)).isEqualTo(Assigner.TILE);
    assertThat(Assigner.chunkRows(5000, 3, 4)).isEqualTo(5 * Assigner.TILE);
    assertThat(Assigner.chunkRows(1_000_000, 8, 2)).isEqualTo(1 << 17);
    assertThat(Assigner.chunkRows(1_000_000, 64, 1_000_000)).isEqualTo(Assigner.TILE);
  }
}
