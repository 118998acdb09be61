package io.dp4tl.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dp4tl.api.data.Image;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
  private static final float[] HALF = {0.5f, 0.5f, 0.5f};

  private static Image grey(int w, int h, int... values) {
    byte[] px = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      px[i] = (byte) values[i];
    }
    return new Image(w, h, 1, px);
  }

  @Test
  void identitySizeWithUnitScaleKeepsPixelValues() {
    Preprocessing p = Preprocessing.builder().size(2, 2).normalize(1f, new float[] {0f}, new float[] {1f}).build();
    assertThat(p.apply(grey(2, 2, 0, 10, 200, 255))).containsExactly(0f, 10f, 200f, 255f);
    assertThat(p.inputShape()).containsExactly(1, 2, 2);
  }

  @Test
  void normalisesAndInvertsLikePpOcr() {
    Preprocessing plain = Preprocessing.builder().size(2, 1).normalize(1 / 255f, new float[] {0.5f}, new float[] {0.5f}).build();
    assertThat(plain.apply(grey(2, 1, 0, 255))).containsExactly(new float[] {-1f, 1f}, within(1e-6f));
    Preprocessing inverted = Preprocessing.builder().size(2, 1).invert(true)
        .normalize(1 / 255f, new float[] {0.5f}, new float[] {0.5f}).build();
    assertThat(inverted.apply(grey(2, 1, 0, 255))).containsExactly(new float[] {1f, -1f}, within(1e-6f));
  }

  @Test
  void greyBecomesThreeEqualPlanesInNchwAndInterleavedInNhwc() {
    Image img = grey(2, 1, 51, 102);
    Preprocessing nchw = Preprocessing.builder().size(2, 1).channels(3).normalize(1 / 255f, new float[3], new float[] {1, 1, 1}).build();
    assertThat(nchw.apply(img)).containsExactly(new float[] {0.2f, 0.4f, 0.2f, 0.4f, 0.2f, 0.4f}, within(1e-6f));
    Preprocessing nhwc = Preprocessing.builder().size(2, 1).channels(3).layout(Layout.NHWC)
        .normalize(1 / 255f, new float[] {0f, 0.2f, 0.4f}, new float[] {1, 1, 1}).build();
    assertThat(nhwc.apply(img)).containsExactly(new float[] {0.2f, 0f, -0.2f, 0.4f, 0.2f, 0f}, within(1e-6f));
    assertThat(nhwc.inputShape()).containsExactly(1, 2, 3);
  }

  @Test
  void rgbBecomesLumaGrey() {
    Image rgb = new Image(1, 1, 3, new byte[] {(byte) 200, 100, 50});
    Preprocessing p = Preprocessing.builder().size(1, 1).normalize(1f, new float[1], new float[] {1f}).build();
    assertThat(p.apply(rgb)[0]).isCloseTo(0.299f * 200 + 0.587f * 100 + 0.114f * 50, within(1e-3f));
  }

  @Test
  void areaResizeAveragesBlocks() {
    Image img = grey(4, 2, 0, 100, 200, 40, 100, 0, 40, 200);
    Preprocessing p = Preprocessing.builder().size(2, 1).normalize(1f, new float[1], new float[] {1f}).build();
    assertThat(p.apply(img)).containsExactly(new float[] {50f, 120f}, within(1e-4f));
  }

  @Test
  void bilinearResizeInterpolatesBetweenPixelCentres() {
    Preprocessing p = Preprocessing.builder().size(4, 1).resize(ResizeMethod.BILINEAR)
        .normalize(1f, new float[1], new float[] {1f}).build();
    assertThat(p.apply(grey(2, 1, 0, 100))).containsExactly(new float[] {0f, 25f, 75f, 100f}, within(1e-4f));
  }

  @Test
  void dynamicWidthKeepsAspectAndPadsToTheBatchWidth() {
    Preprocessing p = Preprocessing.builder().size(6, 2).widthMode(WidthMode.KEEP_ASPECT_PAD).padValue(255)
        .normalize(1f, new float[1], new float[] {1f}).build();
    // a 2x4 image scaled to height 2 is 1 wide; the other 5 columns are padding
    float[] out = p.apply(grey(2, 4, 10, 10, 10, 10, 30, 30, 30, 30));
    assertThat(out).containsExactly(new float[] {10f, 255, 255, 255, 255, 255, 30f, 255, 255, 255, 255, 255}, within(1e-4f));
    // a very wide image is capped at the batch width
    float[] wide = p.apply(grey(12, 2, new int[24]));
    assertThat(wide).containsOnly(0f);
  }

  @Test
  void encodesAtAnOffsetAndRefusesAShortBuffer() {
    Preprocessing p = Preprocessing.builder().size(1, 1).normalize(1f, new float[1], new float[] {1f}).build();
    float[] dst = new float[3];
    p.encode(grey(1, 1, 7), dst, 2);
    assertThat(dst).containsExactly(0f, 0f, 7f);
    assertThatThrownBy(() -> p.encode(grey(1, 1, 7), dst, 3)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void builderRefusesRepeatedAndInconsistentSettings() {
    assertThatThrownBy(() -> Preprocessing.builder().size(2, 2).size(3, 3)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Preprocessing.builder().channels(2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Preprocessing.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("size");
    assertThatThrownBy(() -> Preprocessing.builder().size(2, 2).channels(3).normalize(1f, HALF, new float[] {1f}).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one value per channel");
    assertThatThrownBy(() -> Preprocessing.builder().normalize(1f, new float[1], new float[] {0f}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isAValue() {
    Preprocessing a = Preprocessing.builder().size(4, 4).channels(3).normalize(1 / 255f, HALF, HALF).build();
    Preprocessing b = Preprocessing.builder().size(4, 4).channels(3).normalize(1 / 255f, HALF, HALF).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(Preprocessing.builder().size(4, 4).channels(3).build());
    assertThat(a.toString()).contains("4x4x3");
  }
}
