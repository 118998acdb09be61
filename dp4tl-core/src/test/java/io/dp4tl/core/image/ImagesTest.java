package io.dp4tl.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.api.data.Image;
import org.junit.jupiter.api.Test;

class ImagesTest {
  @Test
  void resizeAveragesAndRounds() {
    Image img = new Image(2, 2, 1, new byte[] {0, 1, 2, (byte) 255});
    Image out = Images.resize(img, 1, 1, ResizeMethod.AREA);
    assertThat(out.value(0, 0, 0)).isEqualTo(65); // 258 / 4 = 64.5 rounds up
  }

  @Test
  void resizeKeepsChannelsApart() {
    Image rgb = new Image(2, 1, 3, new byte[] {10, 20, 30, 30, 40, 50});
    Image out = Images.resize(rgb, 1, 1, ResizeMethod.BILINEAR);
    assertThat(out.pixels()).containsExactly(20, 30, 40);
  }

  @Test
  void invertsAndConvertsChannels() {
    Image g = new Image(1, 1, 1, new byte[] {(byte) 200});
    assertThat(Images.invert(g).value(0, 0, 0)).isEqualTo(55);
    Image rgb = Images.withChannels(g, 3);
    assertThat(rgb.pixels()).containsExactly((byte) 200, (byte) 200, (byte) 200);
    assertThat(Images.withChannels(rgb, 1).value(0, 0, 0)).isEqualTo(200);
  }
}
