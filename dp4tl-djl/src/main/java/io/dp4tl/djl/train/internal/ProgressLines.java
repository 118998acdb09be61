package io.dp4tl.djl.train.internal;

import java.util.Locale;

/** Formats the per-epoch progress line. */
final class ProgressLines {
  private ProgressLines() {}

  /**
   * e.g. {@code "epoch 3/20: loss 1.2345, train top-1 56.1%, test top-1 48.0%, 812 images/s,
   * lr 0.0421, ETA 2m10s"}; images/s counts the training part of the epoch only.
   */
  static String epoch(
      int epoch, int epochs, EpochRecord record, int samples, long trainMillis, double lr, long etaMillis) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d: loss %.4f, train top-1 %.1f%%",
        epoch, epochs, record.loss(), 100 * record.trainAccuracy()));
    if (!Double.isNaN(record.testAccuracy())) {
      line.append(String.format(Locale.ROOT, ", test top-1 %.1f%%", 100 * record.testAccuracy()));
    }
    double seconds = Math.max(trainMillis, 1) / 1000.0;
    line.append(String.format(Locale.ROOT, ", %.0f images/s, lr %.4g, ETA %s", samples / seconds, lr,
        duration(etaMillis)));
    return line.toString();
  }

  static String duration(long millis) {
    long s = Math.round(millis / 1000.0);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }
    return s / 3600 + "h" + String.format(Locale.ROOT, "%02d", s / 60 % 60) + "m";
  }
}
