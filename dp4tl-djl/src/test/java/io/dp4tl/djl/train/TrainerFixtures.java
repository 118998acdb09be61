package io.dp4tl.djl.train;

import io.dp4tl.api.spi.TrainingOptions;
import io.dp4tl.core.testing.TinyGlyphs;

/** Data and settings shared by the trainer tests and the child process of the resume test. */
final class TrainerFixtures {
  static final int EPOCHS = 8;

  private TrainerFixtures() {}

  /** Eight letters, 30 renderings each. */
  static TinyGlyphs source() {
    return TinyGlyphs.render("ABCDEFGH", 30, 1);
  }

  /** Four digits: training split. */
  static TinyGlyphs targetTrain() {
    return TinyGlyphs.render("2345", 16, 2);
  }

  /** Four digits: test split (other renderings). */
  static TinyGlyphs targetTest() {
    return TinyGlyphs.render("2345", 16, 3);
  }

  static TrainingOptions options(long seed) {
    return TrainingOptions.builder("resnet-8").width(8).epochs(EPOCHS).batchSize(16).warmupEpochs(1).augment(true)
        .seed(seed).threads(2).build();
  }

  static int[] all(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return all;
  }
}
