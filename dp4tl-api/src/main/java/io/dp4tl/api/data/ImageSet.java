package io.dp4tl.api.data;

import java.util.List;

/**
 * A random-access, labelled collection of images: a source dataset, or a target split. Images are
 * produced on demand ({@link #image} may decode a file), so a set never needs to sit in memory
 * whole. Implementations must allow {@link #image} from several threads at once.
 */
public interface ImageSet {

  /** Number of images. */
  int size();

  /**
   * Decodes image {@code index}.
   *
   * @throws io.dp4tl.api.InvalidInputException if the image cannot be read (names the file)
   */
  Image image(int index);

  /** Class of image {@code index} in {@code [0, classNames().size())}, or -1 if unlabelled. */
  int label(int index);

  /** Every image's class, in order (-1 where unlabelled). */
  default int[] labels() {
    int[] labels = new int[size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = label(i);
    }
    return labels;
  }

  /** Class names by class index; empty when the set has no labels. */
  List<String> classNames();

  /** A stable fingerprint of the contents (e.g. SHA-256 of the files and labels), for provenance. */
  String fingerprint();
}
