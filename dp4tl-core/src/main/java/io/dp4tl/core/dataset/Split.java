package io.dp4tl.core.dataset;

import static java.util.Objects.requireNonNull;

import io.dp4tl.api.data.ImageSet;

/**
 * A train/test split of one image set; the two parts share no image.
 *
 * @param train the training part
 * @param test the test part
 */
public record Split(ImageSet train, ImageSet test) {
  public Split {
    requireNonNull(train, "train");
    requireNonNull(test, "test");
  }
}
