package io.dp4tl.core.dataset.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.Image;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 case 4: image dimensions are checked from the header before any pixel is decoded. */
class ImageDecoderTest {
  @TempDir Path tmp;

  @AfterEach
  void resetLimit() {
    System.clearProperty(ImageDecoder.MAX_PIXELS_PROPERTY);
  }

  /** A greyscale PNG declaring {@code width x height} whose image data holds {@code rows} zero rows (compressed). */
  static byte[] png(int width, int height, int rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(out);
    d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(ihdr);
    h.writeInt(width);
    h.writeInt(height);
    h.write(new byte[] {8, 0, 0, 0, 0});
    chunk(d, "IHDR", ihdr.toByteArray());
    Deflater deflater = new Deflater(9);
    deflater.setInput(new byte[(int) Math.min((long) rows * (width + 1), 50_000_000)]);
    deflater.finish();
    byte[] buf = new byte[1 << 20];
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    while (!deflater.finished()) {
      idat.write(buf, 0, deflater.deflate(buf));
    }
    chunk(d, "IDAT", idat.toByteArray());
    chunk(d, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(DataOutputStream d, String type, byte[] data) throws IOException {
    d.writeInt(data.length);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    d.write(t);
    d.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    d.writeInt((int) crc.getValue());
  }

  @Test
  void refusesImagesDeclaringMorePixelsThanTheLimitBeforeDecoding() throws IOException {
    // 30000 x 30000 with real (zero) rows: was decoded to 5.3 GB and accepted.
    Path bomb = Files.write(tmp.resolve("bomb.png"), png(30000, 30000, 1000));
    assertThatThrownBy(() -> ImageDecoder.decode(bomb))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(bomb + ": image header declares 30000x30000 = 900000000 pixels, more than the limit of"
            + " 50000000; raise it with -Ddp4tl.image.maxPixels=N");
    // 40000 x 40000 in about a hundred bytes: reached 1.6 GB before failing.
    byte[] tiny = png(40000, 40000, 0);
    assertThat(tiny.length).isLessThan(120);
    assertThatThrownBy(() -> ImageDecoder.decode(tiny, "tiny.png"))
        .hasMessageContaining("tiny.png: image header declares 40000x40000");
  }

  @Test
  void theLimitIsASystemProperty() throws IOException {
    byte[] small = png(5, 3, 3);
    System.setProperty(ImageDecoder.MAX_PIXELS_PROPERTY, "14");
    assertThatThrownBy(() -> ImageDecoder.decode(small, "small.png")).hasMessageContaining("more than the limit of 14");
    System.setProperty(ImageDecoder.MAX_PIXELS_PROPERTY, "15");
    Image image = ImageDecoder.decode(small, "small.png");
    assertThat(image.width()).isEqualTo(5);
    assertThat(image.height()).isEqualTo(3);
    System.setProperty(ImageDecoder.MAX_PIXELS_PROPERTY, "lots");
    assertThatThrownBy(() -> ImageDecoder.decode(small, "small.png"))
        .hasMessageContaining("-Ddp4tl.image.maxPixels=lots: must be a positive integer");
  }

  @Test
  void refusesAFifoAtOnce() throws Exception {
    Path pipe = tmp.resolve("pipe.png");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    assertThatThrownBy(() -> ImageDecoder.decode(pipe)).hasMessageContaining(pipe + ": not a regular file");
  }
}
