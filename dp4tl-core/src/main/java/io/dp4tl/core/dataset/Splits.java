package io.dp4tl.core.dataset;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.ImageSet;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic, class-balanced train/test splits: the same set, counts and seed give the same
 * split on every machine.
 */
public final class Splits {
  private Splits() {}

  /**
   * Per class, shuffles the class's indices with a generator seeded by {@code (seed, class)} and
   * takes the first {@code trainPerClass} for training and the next {@code testPerClass} for
   * testing. Each part lists its indices in ascending order.
   *
   * @throws InvalidInputException if the set is unlabelled or a class has fewer than
   *     {@code trainPerClass + testPerClass} images (names the class)
   * @throws IllegalArgumentException if trainPerClass is below 1 or testPerClass below 0
   */
  public static Split perClass(ImageSet set, int trainPerClass, int testPerClass, long seed) {
    requireNonNull(set, "set");
    checkArgument(trainPerClass >= 1, "trainPerClass must be >= 1, got %s", trainPerClass);
    checkArgument(testPerClass >= 0, "testPerClass must be >= 0, got %s", testPerClass);
    int classes = set.classNames().size();
    if (classes == 0) {
      throw new InvalidInputException(set + " has no labels; a per-class split needs labelled images");
    }
    int[][] byClass = indicesByClass(set, classes);
    int[] train = new int[classes * trainPerClass];
    int[] test = new int[classes * testPerClass];
    for (int c = 0; c < classes; c++) {
      int[] members = byClass[c];
      if (members.length < trainPerClass + testPerClass) {
        throw new InvalidInputException(set + ": class '" + set.classNames().get(c) + "' has " + members.length
            + " images; the split needs " + trainPerClass + " + " + testPerClass);
      }
      SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (c + 1)));
      for (int i = members.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = members[i];
        members[i] = members[j];
        members[j] = t;
      }
      System.arraycopy(members, 0, train, c * trainPerClass, trainPerClass);
      System.arraycopy(members, trainPerClass, test, c * testPerClass, testPerClass);
    }
    Arrays.sort(train);
    Arrays.sort(test);
    return new Split(ImageSets.subset(set, train), ImageSets.subset(set, test));
  }

  private static int[][] indicesByClass(ImageSet set, int classes) {
    int[] counts = new int[classes];
    for (int i = 0; i < set.size(); i++) {
      int l = set.label(i);
      if (l < 0 || l >= classes) {
        throw new InvalidInputException(set + ": image " + i + " has label " + l + ", outside [0, " + classes + ")");
      }
      counts[l]++;
    }
    int[][] out = new int[classes][];
    for (int c = 0; c < classes; c++) {
      out[c] = new int[counts[c]];
    }
    int[] fill = new int[classes];
    for (int i = 0; i < set.size(); i++) {
      int l = set.label(i);
      out[l][fill[l]++] = i;
    }
    return out;
  }
}
