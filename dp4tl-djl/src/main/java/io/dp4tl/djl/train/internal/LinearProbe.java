package io.dp4tl.djl.train.internal;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.TrainingOptions;
import io.dp4tl.djl.DjlEngines;
import io.dp4tl.djl.internal.Network;
import io.dp4tl.core.internal.Permutations;
import java.util.ArrayList;
import java.util.List;

/**
 * The linear probe as the literature runs it: the backbone frozen (batch-norm in inference mode),
 * the pooled features of the target's training and test images extracted once, standardised with
 * the training split's mean and standard deviation, then a multinomial L2 logistic regression
 * ({@link LogisticRegression}, L-BFGS to a gradient tolerance) fitted on them.
 *
 * <p>The penalty is chosen on a validation split carved from the training split: a seeded
 * {@value #VALIDATION_PERCENT}% of each class (classes with one image stay in training). Each
 * penalty of {@link #LAMBDAS} is fitted on the rest, warm-started from the previous, strongest
 * first; the one with the highest validation top-1 wins (ties go to the stronger penalty); the
 * head is then refitted on the whole training split with it and scored on the test split. Same
 * features and seed, same head: no step depends on timing or on the thread count.
 */
public final class LinearProbe {
  /** The penalties tried, strongest first. */
  static final double[] LAMBDAS = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6};
  /** L-BFGS stops when no gradient component exceeds this. */
  static final double TOLERANCE = 1e-5;
  /** L-BFGS iteration limit per fit. */
  static final int MAX_ITERATIONS = 3000;
  static final int VALIDATION_PERCENT = 20;
  private static final int BATCH = 256;
  private static final String TASK = "finetune-lp";

  private LinearProbe() {}

  /**
   * What a probe gave.
   *
   * @param testAccuracy top-1 on the test split
   * @param lambda the penalty chosen on validation
   * @param validationAccuracies validation top-1 for each of {@link #LAMBDAS}
   * @param head the head refitted on the whole training split (on standardised features)
   * @param millis wall time, feature extraction included
   */
  public record Result(double testAccuracy, double lambda, double[] validationAccuracies,
      LogisticRegression.Fit head, long millis) {}

  /**
   * Probes {@code backbone} (left unchanged) on the target.
   *
   * @param classes target classes
   * @param options only {@code seed} (validation split) and {@code threads} are used
   * @throws InvalidInputException if no class has two training images (no validation is possible)
   * @throws io.dp4tl.api.CancelledException if cancelled
   */
  public static Result run(Network backbone, LabelledImages train, LabelledImages test, int classes,
      TrainingOptions options, RunControl control) {
    requireNonNull(backbone, "backbone");
    requireNonNull(control, "control");
    long start = System.nanoTime();
    control.progress().started(TASK, LAMBDAS.length + 1);
    try {
      DjlEngines.prepareThread(options.threads());
      int d = backbone.architecture().featureWidth();
      float[] trainX = features(backbone, train, control);
      float[] testX = features(backbone, test, control);
      standardise(trainX, testX, d);
      int[] trainY = labels(train);
      int[] testY = labels(test);

      boolean[] validation = validationMask(trainY, classes, options.seed());
      Subset fitPart = subset(trainX, trainY, d, validation, false);
      Subset valPart = subset(trainX, trainY, d, validation, true);
      if (valPart.labels().length == 0) {
        throw new InvalidInputException("the linear probe chooses its penalty on a validation split of the target's"
            + " training images, but no class has two of them; give at least two training images of a class");
      }
      LogisticRegression onPart = new LogisticRegression(fitPart.features(), fitPart.labels(), d, classes);
      double[] valAccuracies = new double[LAMBDAS.length];
      int bestIndex = 0;
      LogisticRegression.Fit previous = null;
      for (int i = 0; i < LAMBDAS.length; i++) {
        control.checkCancelled(TASK);
        previous = onPart.fit(LAMBDAS[i], TOLERANCE, MAX_ITERATIONS, previous);
        valAccuracies[i] = previous.accuracy(valPart.features(), valPart.labels(), d);
        if (valAccuracies[i] > valAccuracies[bestIndex]) {
          bestIndex = i;
        }
        control.progress().advanced(TASK, i + 1, LAMBDAS.length + 1);
      }
      control.checkCancelled(TASK);
      double lambda = LAMBDAS[bestIndex];
      LogisticRegression.Fit head = new LogisticRegression(trainX, trainY, d, classes)
          .fit(lambda, TOLERANCE, MAX_ITERATIONS);
      double accuracy = head.accuracy(testX, testY, d);
      long millis = (System.nanoTime() - start) / 1_000_000;
      control.progress().advanced(TASK, LAMBDAS.length + 1, LAMBDAS.length + 1);
      control.progress().report(TASK, String.format(
          "lambda %.0e chosen on %d validation images (top-1 %.1f%%); refit on %d: %d L-BFGS iterations, "
              + "gradient %.1e%s; test top-1 %.2f%%, %.1f s",
          lambda, valPart.labels().length, 100 * valAccuracies[bestIndex], trainY.length, head.iterations(),
          head.gradientNorm(), head.converged() ? "" : " (NOT converged)", 100 * accuracy, millis / 1000.0));
      return new Result(accuracy, lambda, valAccuracies, head, millis);
    } finally {
      control.progress().finished(TASK);
    }
  }

  /** Pooled features, batch-norm in inference mode, no gradients. */
  private static float[] features(Network network, LabelledImages images, RunControl control) {
    int d = network.architecture().featureWidth();
    float[] out = new float[images.size() * d];
    int[] order = new int[images.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int row = 0;
    try (BatchStream batches = new BatchStream(images, order, BATCH, false, 0)) {
      for (int b = 0; b < batches.batches(); b++) {
        control.checkCancelled(TASK);
        HostBatch batch = batches.next();
        try (NDManager scope = network.manager().newSubManager()) {
          NDArray x = scope.create(batch.pixels(), Network.inputShape(batch.size()));
          float[] f = network.features(x, false).toFloatArray();
          System.arraycopy(f, 0, out, row * d, f.length);
          row += batch.size();
        }
      }
    }
    return out;
  }

  /** Centres and scales every column by the training split's mean and standard deviation (1 if zero). */
  static void standardise(float[] train, float[] test, int d) {
    int n = train.length / d;
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += train[i * d + j];
      }
      mean /= n;
      double var = 0;
      for (int i = 0; i < n; i++) {
        double c = train[i * d + j] - mean;
        var += c * c;
      }
      double sd = Math.sqrt(var / n);
      double scale = sd > 1e-12 ? 1 / sd : 1;
      for (float[] x : new float[][] {train, test}) {
        for (int i = 0; i < x.length / d; i++) {
          x[i * d + j] = (float) ((x[i * d + j] - mean) * scale);
        }
      }
    }
  }

  /** A seeded {@value #VALIDATION_PERCENT}% of each class with at least two images (at least one image). */
  static boolean[] validationMask(int[] labels, int classes, long seed) {
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byClass.get(labels[i]).add(i);
    }
    boolean[] mask = new boolean[labels.length];
    for (int c = 0; c < classes; c++) {
      List<Integer> members = byClass.get(c);
      if (members.size() < 2) {
        continue;
      }
      int take = Math.max(1, Math.round(members.size() * VALIDATION_PERCENT / 100f));
      int[] order = Permutations.shuffled(members.size(), Seeds.mix(seed, c));
      for (int t = 0; t < take; t++) {
        mask[members.get(order[t])] = true;
      }
    }
    return mask;
  }

  private record Subset(float[] features, int[] labels) {}

  private static Subset subset(float[] x, int[] y, int d, boolean[] mask, boolean want) {
    int count = 0;
    for (boolean m : mask) {
      count += m == want ? 1 : 0;
    }
    float[] features = new float[count * d];
    int[] labels = new int[count];
    int r = 0;
    for (int i = 0; i < y.length; i++) {
      if (mask[i] == want) {
        System.arraycopy(x, i * d, features, r * d, d);
        labels[r++] = y[i];
      }
    }
    return new Subset(features, labels);
  }

  private static int[] labels(LabelledImages images) {
    int[] y = new int[images.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = images.label(i);
    }
    return y;
  }
}
