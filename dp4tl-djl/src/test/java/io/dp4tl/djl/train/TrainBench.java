package io.dp4tl.djl.train;

import io.dp4tl.api.progress.Cancellation;
import io.dp4tl.api.progress.ProgressListener;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.PretrainedModel;
import io.dp4tl.api.spi.TrainingOptions;
import io.dp4tl.core.testing.TinyGlyphs;
import io.dp4tl.djl.train.DjlTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark of the DJL trainer (run by {@code scripts/bench-train.sh}, never by {@code mvn test}).
 *
 * <ul>
 *   <li>{@code throughput}: training images/s of resnet-20 (width 16) on 2,560 32x32 grey glyphs,
 *       batch 128, 2 threads, over 3 epochs after a warm-up epoch (the script compares it with
 *       {@code scripts/bench_train_torch.py}: same network, batch, input, optimiser and threads).
 *   <li>{@code pruning [rounds]}: pretraining wall time on all 10 classes, on 5 (r = 0.5) and on 2
 *       (r = 0.8), same epochs; each round runs full, 0.5, 0.8, 0.8, 0.5, full (a palindrome, so a
 *       load that drifts linearly on a shared machine weighs on every setting alike) and the times
 *       of a setting are added over {@code rounds} rounds (default 1); prints each speed-up
 *       full / pruned against the ideal 1 / (1 - r).
 * </ul>
 */
public final class TrainBench {
  private static final int CLASSES = 10;
  private static final int PER_CLASS = 256;
  private static final int BATCH = 128;
  private static final int THREADS = 2;

  private TrainBench() {}

  public static void main(String[] args) {
    TinyGlyphs data = TinyGlyphs.render("ABCDEFGHJK", PER_CLASS, 1);
    if (args.length == 1 && args[0].equals("throughput")) {
      System.out.printf(Locale.ROOT, "djl images/s %.1f%n", throughput(data));
    } else if (args.length >= 1 && args[0].equals("pruning")) {
      pruning(data, args.length >= 2 ? Integer.parseInt(args[1]) : 2);
    } else {
      System.err.println("usage: TrainBench throughput | pruning [rounds]");
      System.exit(2);
    }
  }

  private static TrainingOptions options(int epochs) {
    return TrainingOptions.builder("resnet-20").width(16).epochs(epochs).batchSize(BATCH).learningRate(0.05)
        .augment(true).seed(1).threads(THREADS).build();
  }

  /** Images/s over the epochs after the first, timed between the per-epoch reports. */
  private static double throughput(TinyGlyphs data) {
    int timed = 3;
    List<Long> reports = new ArrayList<>();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void report(String task, String message) {
        reports.add(System.nanoTime());
        System.out.println("  " + message);
      }
    };
    new DjlTrainer().pretrain(data, classes(CLASSES), options(timed + 1), new RunControl(listener,
        Cancellation.create())).close();
    double seconds = (reports.get(timed) - reports.get(0)) / 1e9;
    return (double) data.size() * timed / seconds;
  }

  private static void pruning(TinyGlyphs data, int rounds) {
    int epochs = 3;
    double[] ratios = {0, 0.5, 0.8};
    int[] order = {0, 1, 2, 2, 1, 0};
    long[] total = new long[ratios.length];
    for (int round = 0; round < rounds; round++) {
      for (int i : order) {
        long millis = pretrainMillis(data, kept(ratios[i]), epochs);
        System.out.printf(Locale.ROOT, "  round %d, r=%.1f: %d ms%n", round + 1, ratios[i], millis);
        total[i] += millis;
      }
    }
    int runs = 2 * rounds;
    System.out.printf(Locale.ROOT, "full: %d classes, %d samples, %d epochs: %d ms (mean of %d)%n", CLASSES,
        CLASSES * PER_CLASS, epochs, total[0] / runs, runs);
    for (int i = 1; i < ratios.length; i++) {
      double speedUp = (double) total[0] / total[i];
      double ideal = 1 / (1 - ratios[i]);
      System.out.printf(Locale.ROOT,
          "r=%.1f: %d classes, %d samples: %d ms; speed-up %.2f, ideal %.2f, ratio %.3f (goal >= 0.9)%n", ratios[i],
          kept(ratios[i]), kept(ratios[i]) * PER_CLASS, total[i] / runs, speedUp, ideal, speedUp / ideal);
    }
  }

  /** Classes kept at pruning ratio r: N = G - rint(r G). */
  private static int kept(double r) {
    return CLASSES - (int) Math.rint(r * CLASSES);
  }

  private static long pretrainMillis(TinyGlyphs data, int keptClasses, int epochs) {
    try (PretrainedModel model = new DjlTrainer().pretrain(data, classes(keptClasses), options(epochs),
        RunControl.none())) {
      return model.trainingMillis();
    }
  }

  /** Samples of the first {@code n} classes (the set keeps a class's samples together). */
  private static int[] classes(int n) {
    int[] samples = new int[n * PER_CLASS];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = i;
    }
    return samples;
  }
}
