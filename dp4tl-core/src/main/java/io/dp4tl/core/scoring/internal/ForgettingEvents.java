package io.dp4tl.core.scoring.internal;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;

/**
 * Forgetting events (Toneva et al. 2019): per sample, how often it went from correctly to wrongly
 * classified between consecutive epochs; a sample never classified correctly scores +infinity
 * (it was never learned, so it ranks first). Streams one epoch (row) at a time.
 */
public final class ForgettingEvents {
  private ForgettingEvents() {}

  /**
   * @param correctness epochs x samples, every value 0 or 1
   * @throws InvalidInputException if a value is not 0 or 1 (names the array, epoch row and sample)
   */
  public static double[] count(FloatMatrix correctness, RunControl control) {
    int n = correctness.cols();
    float[] previous = new float[n];
    float[] current = new float[n];
    double[] events = new double[n];
    boolean[] learned = new boolean[n];
    for (int t = 0; t < correctness.rows(); t++) {
      control.checkCancelled("forgetting");
      correctness.copyRows(t, 1, current, 0);
      for (int i = 0; i < n; i++) {
        float c = current[i];
        if (c != 0 && c != 1) {
          throw new InvalidInputException(correctness + ": row " + t + " (epoch " + t + ") holds " + c
              + " at column " + i + "; every value must be 0 or 1 (1 = sample classified correctly)");
        }
        if (t > 0 && previous[i] == 1 && c == 0) {
          events[i]++;
        }
        learned[i] |= c == 1;
      }
      float[] swap = previous;
      previous = current;
      current = swap;
    }
    for (int i = 0; i < n; i++) {
      if (!learned[i]) {
        events[i] = Double.POSITIVE_INFINITY;
      }
    }
    return events;
  }
}
