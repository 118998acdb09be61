package io.dp4tl.core.dataset.internal;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.Image;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import io.dp4tl.api.Dp4tlException;
import io.dp4tl.core.io.HeapCheck;
import io.dp4tl.core.io.RegularFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes image files (PNG, JPEG, BMP, GIF: whatever {@link ImageIO} reads) into 8-bit images. The
 * dimensions are read from the file's header first, and an image of more than
 * {@link #maxPixels()} pixels is refused before any pixel is decoded.
 */
public final class ImageDecoder {
  /** System property overriding the pixel limit, e.g. {@code -Ddp4tl.image.maxPixels=400000000}. */
  public static final String MAX_PIXELS_PROPERTY = "dp4tl.image.maxPixels";
  /** Default pixel limit: 50 megapixels (an 8,000 x 6,000 photo), 200 MB as ARGB. */
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

  private ImageDecoder() {}

  /**
   * The most pixels (width x height) an image may have: {@value #DEFAULT_MAX_PIXELS}, unless the
   * system property {@value #MAX_PIXELS_PROPERTY} sets another positive number.
   *
   * @throws InvalidInputException if the property is set but not a positive integer
   */
  public static long maxPixels() {
    String value = System.getProperty(MAX_PIXELS_PROPERTY);
    if (value == null) {
      return DEFAULT_MAX_PIXELS;
    }
    try {
      long limit = Long.parseLong(value.strip());
      if (limit > 0) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new InvalidInputException("-D" + MAX_PIXELS_PROPERTY + "=" + value + ": must be a positive integer");
  }

  /**
   * Decodes a file: greyscale images give 1 channel, anything else 3 (RGB; alpha is dropped).
   *
   * @throws InvalidInputException if the file is missing, unreadable, not a regular file, corrupt,
   *     not an image, or larger than {@link #maxPixels()}
   */
  public static Image decode(Path file) {
    RegularFiles.requireRegularFile(file, "an image");
    BufferedImage img;
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      img = in == null ? null : decode(in, file.toString());
    } catch (IOException e) {
      throw new InvalidInputException(file + ": corrupt or unreadable image (" + RegularFiles.reason(e) + ")", e);
    }
    if (img == null) {
      throw new InvalidInputException(file + ": not an image in a format Java can decode (PNG, JPEG, BMP, GIF)");
    }
    return toImage(img);
  }

  /**
   * Decodes an encoded image held in memory (what {@link #decode(Path)} does after opening the
   * file).
   *
   * @param name what the bytes are, for messages
   * @throws InvalidInputException if they are corrupt, not an image, or too large
   */
  public static Image decode(byte[] encoded, String name) {
    BufferedImage img;
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
      img = decode(in, name);
    } catch (IOException e) {
      throw new InvalidInputException(name + ": corrupt or unreadable image (" + RegularFiles.reason(e) + ")", e);
    }
    if (img == null) {
      throw new InvalidInputException(name + ": not an image in a format Java can decode (PNG, JPEG, BMP, GIF)");
    }
    return toImage(img);
  }

  /** The first image of the stream, or null if no reader knows its format. */
  private static BufferedImage decode(ImageInputStream in, String name) throws IOException {
    Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
    if (!readers.hasNext()) {
      return null;
    }
    ImageReader reader = readers.next();
    try {
      reader.setInput(in, true, true);
      long width = reader.getWidth(0);
      long height = reader.getHeight(0);
      long limit = maxPixels();
      if (width <= 0 || height <= 0) {
        throw new InvalidInputException(name + ": image header declares " + width + "x" + height + " pixels");
      }
      if (width * height > limit) {
        throw new InvalidInputException(name + ": image header declares " + width + "x" + height + " = "
            + width * height + " pixels, more than the limit of " + limit + "; raise it with -D"
            + MAX_PIXELS_PROPERTY + "=N (DP4TL_JAVA_OPTS for ./dp4tl) if the image is genuine");
      }
      HeapCheck.require(width * height * 12, name + " (" + width + "x" + height + " pixels)");
      return reader.read(0);
    } catch (RuntimeException e) {
      if (e instanceof Dp4tlException) {
        throw e;
      }
      // ImageIO's decoders throw unchecked exceptions on some corrupt input.
      throw new InvalidInputException(name + ": corrupt image (" + e + ")", e);
    } finally {
      reader.dispose();
    }
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
