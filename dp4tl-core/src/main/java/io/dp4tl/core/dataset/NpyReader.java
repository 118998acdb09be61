package io.dp4tl.core.dataset;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.core.io.Npy;
import io.dp4tl.core.io.NpyArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads images from a NumPy uint8 array {@code [N, H, W]} (grey) or {@code [N, H, W, C]} with C 1
 * or 3, and optionally their labels from an integer {@code .npy} of length N.
 */
public final class NpyReader {
  private NpyReader() {}

  /**
   * Reads the arrays into memory.
   *
   * @param labels the labels file, or {@code null} for an unlabelled set
   * @param classNames class names by label, or {@code null} to name classes "0".."max label"
   * @throws InvalidInputException if a file is missing or malformed, not uint8 of a supported
   *     shape, the counts disagree, or a label is negative or outside the class names
   */
  public static ArrayImageSet read(Path images, Path labels, List<String> classNames) {
    NpyArray a = Npy.read(images);
    long[] shape = a.shape();
    if (shape.length != 3 && !(shape.length == 4 && (shape[3] == 1 || shape[3] == 3))) {
      throw new InvalidInputException(images + ": images must have shape [N, H, W] or [N, H, W, C] with C 1 or 3, found "
          + Arrays.toString(shape));
    }
    if (a.size() > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException(images + ": " + a.size() + " pixels are too many to hold in memory; split the array");
    }
    int n = (int) shape[0];
    int h = (int) shape[1];
    int w = (int) shape[2];
    int c = shape.length == 4 ? (int) shape[3] : 1;
    if (h == 0 || w == 0) {
      throw new InvalidInputException(images + ": empty image size " + w + "x" + h);
    }
    byte[] px = new byte[(int) a.size()];
    a.copyUint8("images", 0, px, 0, px.length);
    if (labels == null) {
      if (classNames != null && !classNames.isEmpty()) {
        throw new InvalidInputException("class names given for " + images + " but no labels file");
      }
      return new ArrayImageSet(images.getFileName().toString(), w, h, c, px, null, List.of());
    }
    int[] y = Npy.readInts(labels, "labels");
    if (y.length != n) {
      throw new InvalidInputException(labels + " has " + y.length + " labels but " + images + " has " + n + " images");
    }
    int max = -1;
    for (int i = 0; i < n; i++) {
      if (y[i] < 0) {
        throw new InvalidInputException(labels + ": label " + y[i] + " at row " + i + " is negative");
      }
      max = Math.max(max, y[i]);
    }
    List<String> names = classNames;
    if (names == null) {
      names = new ArrayList<>();
      for (int k = 0; k <= max; k++) {
        names.add(Integer.toString(k));
      }
    } else if (max >= names.size()) {
      throw new InvalidInputException(labels + ": label " + max + " is outside the " + names.size() + " class names given");
    }
    return new ArrayImageSet(images.getFileName().toString(), w, h, c, px, y, names);
  }
}
