package io.dp4tl.djl.train.internal;

import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.djl.internal.ImageEncoder;

/**
 * The samples one training phase reads: chosen images of an {@link ImageSet}, their labels
 * (checked once, up front) and their encoded 32x32 grey pixels, decoded on first use and kept in
 * memory when they fit in {@value #CACHE_LIMIT_BYTES} bytes (so later epochs decode nothing).
 * Accessed by one thread at a time.
 */
public final class LabelledImages {
  static final long CACHE_LIMIT_BYTES = 1L << 29;

  private final ImageSet images;
  private final int[] indices;
  private final int[] labels;
  private final byte[][] cache;

  private LabelledImages(ImageSet images, int[] indices, int[] labels) {
    this.images = images;
    this.indices = indices;
    this.labels = labels;
    this.cache = (long) indices.length * ImageEncoder.PIXELS <= CACHE_LIMIT_BYTES ? new byte[indices.length][] : null;
  }

  /**
   * The samples {@code indices} of {@code images}, labelled over {@code classCount} classes.
   *
   * @param what names the set in messages, e.g. {@code "source"}
   * @throws InvalidInputException if the set has no labels or is empty, an index is out of range or
   *     a label is not in {@code [0, classCount)}
   */
  public static LabelledImages of(ImageSet images, String what, int[] indices, int classCount) {
    requireNonNull(images, what);
    requireNonNull(indices, "indices");
    if (images.classNames().isEmpty()) {
      throw new InvalidInputException(what + " images have no labels (classNames() is empty); training needs"
          + " labelled images");
    }
    if (indices.length == 0) {
      throw new InvalidInputException(what + ": no sample to train on (the sample list is empty)");
    }
    int[] copy = indices.clone();
    int[] labels = new int[copy.length];
    for (int p = 0; p < copy.length; p++) {
      int index = copy[p];
      if (index < 0 || index >= images.size()) {
        throw new InvalidInputException(what + ": sample index " + index + " at position " + p
            + " is outside [0, " + images.size() + ")");
      }
      int label = images.label(index);
      if (label < 0 || label >= classCount) {
        throw new InvalidInputException(what + ": image " + index + " has label " + label
            + ", expected a class in [0, " + classCount + ")");
      }
      labels[p] = label;
    }
    return new LabelledImages(images, copy, labels);
  }

  /** Every image of a labelled set. */
  public static LabelledImages all(ImageSet images, String what, int classCount) {
    int[] indices = new int[images.size()];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = i;
    }
    return of(images, what, indices, classCount);
  }

  /** Number of samples. */
  public int size() {
    return indices.length;
  }

  /** Label of the sample at {@code position}. */
  public int label(int position) {
    return labels[position];
  }

  /** Encoded grey pixels of the sample at {@code position}; read only. */
  public byte[] grey(int position) {
    if (cache != null && cache[position] != null) {
      return cache[position];
    }
    byte[] grey = ImageEncoder.grey(images.image(indices[position]));
    if (cache != null) {
      cache[position] = grey;
    }
    return grey;
  }
}
