package io.dp4tl.djl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.api.data.Image;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageEncoderTest {

  @Test
  void keepsA32By32GreyImage() {
    byte[] pixels = new byte[1024];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) i;
    }
    assertThat(ImageEncoder.grey(new Image(32, 32, 1, pixels))).containsExactly(pixels);
    float[] floats = new float[1026];
    ImageEncoder.toFloats(pixels, floats, 2);
    assertThat(floats[2]).isZero();
    assertThat(floats[2 + 255]).isEqualTo(1f);
    assertThat(floats[2 + 256 + 128]).isEqualTo(128 / 255f);
  }

  @Test
  void turnsRgbIntoLuma() {
    byte[] rgb = new byte[32 * 32 * 3];
    for (int i = 0; i < 1024; i++) {
      rgb[3 * i] = (byte) 255;
    }
    byte[] grey = ImageEncoder.grey(new Image(32, 32, 3, rgb));
    assertThat(grey[0] & 0xff).isEqualTo(76);
    assertThat(grey[1023] & 0xff).isEqualTo(76);
  }

  @Test
  void resamplesOtherSizesTo32By32() {
    byte[] flat = new byte[20 * 20];
    Arrays.fill(flat, (byte) 200);
    byte[] resized = ImageEncoder.grey(new Image(20, 20, 1, flat));
    assertThat(resized).hasSize(1024);
    for (byte b : resized) {
      assertThat(b & 0xff).isEqualTo(200);
    }
    byte[] leftHalfWhite = new byte[64 * 64];
    for (int y = 0; y < 64; y++) {
      Arrays.fill(leftHalfWhite, y * 64, y * 64 + 32, (byte) 255);
    }
    byte[] half = ImageEncoder.grey(new Image(64, 64, 1, leftHalfWhite));
    assertThat(half[5 * 32 + 3] & 0xff).isEqualTo(255);
    assertThat(half[5 * 32 + 28] & 0xff).isZero();
  }
}
