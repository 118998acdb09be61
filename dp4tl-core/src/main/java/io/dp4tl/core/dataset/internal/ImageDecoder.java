package io.dp4tl.core.dataset.internal;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.Image;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Decodes image files (PNG, JPEG, BMP, GIF: whatever {@link ImageIO} reads) into 8-bit images. */
public final class ImageDecoder {
  private ImageDecoder() {}

  /**
   * Decodes a file: greyscale images give 1 channel, anything else 3 (RGB; alpha is dropped).
   *
   * @throws InvalidInputException if the file is missing, unreadable, corrupt or not an image
   */
  public static Image decode(Path file) {
    BufferedImage img;
    try (InputStream in = Files.newInputStream(file)) {
      img = ImageIO.read(in);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(file + ": corrupt or unreadable image (" + e.getMessage() + ")", e);
    }
    if (img == null) {
      throw new InvalidInputException(file + ": not an image in a format Java can decode (PNG, JPEG, BMP, GIF)");
    }
    return toImage(img);
  }

  /** The pixels of a decoded image, grey when the image has one colour channel, else RGB. */
  public static Image toImage(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
      byte[] px = new byte[w * h];
      int stride = img.getRaster().getSampleModel().getWidth();
      int x0 = -img.getRaster().getSampleModelTranslateX();
      int y0 = -img.getRaster().getSampleModelTranslateY();
      for (int y = 0; y < h; y++) {
        System.arraycopy(data, (y + y0) * stride + x0, px, y * w, w);
      }
      return new Image(w, h, 1, px);
    }
    boolean grey = img.getColorModel().getNumColorComponents() == 1;
    int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
    byte[] px = new byte[w * h * (grey ? 1 : 3)];
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      if (grey) {
        px[i] = (byte) (p & 0xff);
      } else {
        px[3 * i] = (byte) (p >> 16);
        px[3 * i + 1] = (byte) (p >> 8);
        px[3 * i + 2] = (byte) p;
      }
    }
    return new Image(w, h, grey ? 1 : 3, px);
  }
}
