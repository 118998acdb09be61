package io.dp4tl.examples.demo;

import io.dp4tl.api.data.ImageSet;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.FinetuneMode;
import io.dp4tl.api.spi.PretrainedModel;
import io.dp4tl.api.spi.Registry;
import io.dp4tl.api.spi.Trainer;
import io.dp4tl.api.spi.TrainingOptions;
import io.dp4tl.core.internal.Permutations;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark (not a test): pretraining throughput of candidate networks on the demo's glyph source,
 * measured in one process, candidates interleaved over rounds against load drift.
 *
 * <p>Usage: {@code RecipeBench SAMPLES ROUNDS NAME:WIDTH...}, e.g. {@code 4000 2 cnn:16 cnn-6:32
 * resnet-8:16}; prints images/s per candidate and round, then the mean and the ratio to the first.
 */
public final class RecipeBench {
  private RecipeBench() {}

  public static void main(String[] args) {
    int samples = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    List<String> candidates = Arrays.asList(args).subList(2, args.length);
    DemoOptions options = new DemoOptions(List.of("digits"), List.of(), List.of(), List.of(1L), 1000, 16, "cnn", 16,
        "cnn", 1, 1, 1, 2, Path.of("report"), List.of(FinetuneMode.LINEAR_PROBE), null);
    ImageSet source = DemoData.source(options);
    int[] subset = Arrays.copyOf(Permutations.shuffled(source.size(), 5), samples);
    Trainer trainer = Registry.trainers().find("djl");
    double[] sums = new double[candidates.size()];
    for (int round = 0; round < rounds; round++) {
      for (int c = 0; c < candidates.size(); c++) {
        int i = round % 2 == 0 ? c : candidates.size() - 1 - c;
        String[] spec = candidates.get(i).split(":");
        TrainingOptions o = TrainingOptions.builder(spec[0]).width(Integer.parseInt(spec[1])).epochs(1).batchSize(128)
            .augment(true).seed(1).threads(2).build();
        try (PretrainedModel m = trainer.pretrain(source, subset, o, RunControl.none())) {
          double rate = samples * 1000.0 / m.trainingMillis();
          sums[i] += rate;
          System.out.printf("round %d %-12s %7.0f images/s%n", round, candidates.get(i), rate);
        }
      }
    }
    for (int c = 0; c < candidates.size(); c++) {
      System.out.printf("mean %-12s %7.0f images/s, %.2fx the first%n", candidates.get(c), sums[c] / rounds,
          sums[c] / sums[0]);
    }
  }
}
