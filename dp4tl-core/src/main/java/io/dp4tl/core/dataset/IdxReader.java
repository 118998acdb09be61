package io.dp4tl.core.dataset;

import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.core.dataset.internal.DataFiles;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads IDX files (the MNIST format, gzipped or not): an images file (big-endian magic 2051, count,
 * rows, columns, then one byte per pixel) and a labels file (magic 2049, count, then one byte per
 * label). Pixels are taken as they are (MNIST and Fashion-MNIST are white on black).
 */
public final class IdxReader {
  /** Fashion-MNIST's ten class names, by label. */
  public static final List<String> FASHION_MNIST_CLASSES = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private static final int IMAGES_MAGIC = 2051;
  private static final int LABELS_MAGIC = 2049;

  private IdxReader() {}

  /**
   * Reads an images file and its labels file.
   *
   * @param classNames names of the classes; every label must be below its size
   * @throws InvalidInputException if a file is missing, truncated, has the wrong magic, the counts
   *     disagree, or a label is out of range (the message names the file)
   */
  public static ArrayImageSet read(Path images, Path labels, List<String> classNames) {
    requireNonNull(classNames, "classNames");
    ByteBuffer img = ByteBuffer.wrap(DataFiles.readMaybeGzipped(images));
    ByteBuffer lab = ByteBuffer.wrap(DataFiles.readMaybeGzipped(labels));
    int n = header(img, images, IMAGES_MAGIC, 16);
    int rows = img.getInt(8);
    int cols = img.getInt(12);
    if (rows <= 0 || cols <= 0) {
      throw new InvalidInputException(images + ": image size " + rows + "x" + cols + " is not positive");
    }
    long need = 16L + (long) n * rows * cols;
    if (img.capacity() < need) {
      throw new InvalidInputException(images + ": truncated: " + n + " images of " + rows + "x" + cols + " need "
          + need + " bytes, found " + img.capacity());
    }
    int m = header(lab, labels, LABELS_MAGIC, 8);
    if (m != n) {
      throw new InvalidInputException(labels + " has " + m + " labels but " + images + " has " + n + " images");
    }
    if (lab.capacity() < 8L + n) {
      throw new InvalidInputException(labels + ": truncated: " + n + " labels need " + (8 + n) + " bytes, found "
          + lab.capacity());
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = lab.get(8 + i) & 0xff;
      if (y[i] >= classNames.size()) {
        throw new InvalidInputException(labels + ": label " + y[i] + " at row " + i + " is outside the "
            + classNames.size() + " classes given");
      }
    }
    byte[] px = Arrays.copyOfRange(img.array(), 16, (int) need);
    return new ArrayImageSet(images.getFileName().toString(), cols, rows, 1, px, y, classNames);
  }

  private static int header(ByteBuffer b, Path file, int magic, int headerBytes) {
    if (b.capacity() < headerBytes) {
      throw new InvalidInputException(file + ": truncated IDX header (" + b.capacity() + " bytes)");
    }
    if (b.getInt(0) != magic) {
      throw new InvalidInputException(file + ": not an IDX " + (magic == IMAGES_MAGIC ? "images" : "labels")
          + " file (magic " + b.getInt(0) + ", expected " + magic + ")");
    }
    int n = b.getInt(4);
    if (n < 0) {
      throw new InvalidInputException(file + ": negative count " + n);
    }
    return n;
  }
}
