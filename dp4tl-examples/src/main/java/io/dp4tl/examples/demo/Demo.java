package io.dp4tl.examples.demo;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Level;
import io.dp4tl.api.PruneBuilder;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Scoring;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.Image;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Evaluation;
import io.dp4tl.api.spi.FinetuneMode;
import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.api.spi.PretrainedModel;
import io.dp4tl.api.spi.Registry;
import io.dp4tl.api.spi.Trainer;
import io.dp4tl.api.spi.TrainingOptions;
import io.dp4tl.core.dataset.Split;
import io.dp4tl.core.inference.InferencePass;
import io.dp4tl.djl.train.DjlTrainer;
import io.dp4tl.djl.train.SignalRecording;
import io.dp4tl.examples.report.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The end-to-end protocol of the paper on real data: train a surrogate on the full source, select
 * with every method and ratio for every target, pretrain on each selection with the same number of
 * epochs, finetune on the target (LP and FF) and evaluate; plus full-source pretraining and
 * training from scratch as references. Each long step reports to the run's progress listener.
 */
public final class Demo {
  /** The compared methods that score from the surrogate's training signals. */
  private static final Set<String> SIGNAL_METHODS = Set.of("el2n", "grand", "forgetting");

  private final DemoOptions options;
  private final RunControl control;
  private final Trainer trainer;
  private final List<RunResult> results = new ArrayList<>();
  private final Map<String, Object> selections = new LinkedHashMap<>();
  private final Map<String, List<Image>> keptSheets = new LinkedHashMap<>();
  private final Map<String, double[]> massCurves = new LinkedHashMap<>();

  public Demo(DemoOptions options, RunControl control) {
    this.options = options;
    this.control = control;
    this.trainer = Registry.trainers().find("djl");
  }

  /** What the run produced. */
  public record Outcome(
      List<RunResult> results,
      Map<String, Object> selections,
      Map<String, List<Image>> keptSheets,
      Map<String, double[]> massCurves,
      int sourceClasses,
      int sourceSamples) {}

  /** Runs the whole grid. */
  public Outcome run() {
    ImageSet source = DemoData.source(options);
    control.progress().report("demo", "source: " + source);
    Map<String, Split> targets = new LinkedHashMap<>();
    for (String t : options.targets()) {
      targets.put(t, DemoData.target(t, 1));
      control.progress().report("demo", "target " + t + ": " + targets.get(t).train().size() + " train, "
          + targets.get(t).test().size() + " test images");
    }
    int[] all = IntStream.range(0, source.size()).toArray();
    for (long seed : options.seeds()) {
      runSeed(seed, source, all, targets);
    }
    return new Outcome(results, selections, keptSheets, massCurves, source.classNames().size(), source.size());
  }

  private void runSeed(long seed, ImageSet source, int[] all, Map<String, Split> targets) {
    Path signals = recordsSignals() ? temporaryDirectory() : null;
    try {
      runSeed(seed, source, all, targets, signals);
    } finally {
      if (signals != null) {
        deleteRecursively(signals);
      }
    }
  }

  /** Whether a compared method scores from the surrogate's training signals (el2n, grand, forgetting). */
  private boolean recordsSignals() {
    return options.methods().stream().anyMatch(SIGNAL_METHODS::contains);
  }

  /**
   * The trainer of the surrogate: when a method needs training signals, it records them (R = 1 run:
   * the surrogate of this seed; per-epoch correctness, and logits and features after epoch
   * {@link SignalRecording#defaultLogitsEpoch}) into {@code signals}.
   */
  private Trainer surrogateTrainer(Path signals) {
    return signals == null ? trainer : new DjlTrainer().recordingSignals(
        new SignalRecording(signals, SignalRecording.defaultLogitsEpoch(options.surrogateEpochs())));
  }

  private void runSeed(long seed, ImageSet source, int[] all, Map<String, Split> targets, Path signals) {
    SourceData sourceData;
    Map<String, FloatMatrix> targetLogits = new HashMap<>();
    Map<String, FloatMatrix> targetFeatures = new HashMap<>();
    try (PretrainedModel surrogate = surrogateTrainer(signals).pretrain(source, all, surrogateOptions(seed), control);
        ModelBackend backend = surrogate.asSurrogate()) {
      FloatMatrix features = infer(backend, source, "source", false);
      SourceData.Builder builder = SourceData.builder().name("glyphs").images(source).features(features);
      if (signals != null) {
        builder.signals(SignalRecording.read(List.of(signals)));
      }
      sourceData = builder.build();
      for (Map.Entry<String, Split> t : targets.entrySet()) {
        targetLogits.put(t.getKey(), infer(backend, t.getValue().train(), "target " + t.getKey(), true));
        targetFeatures.put(t.getKey(), infer(backend, t.getValue().train(), "target " + t.getKey(), false));
      }
    }
    Map<String, PretrainedModel> pretrained = new HashMap<>();
    try {
      PretrainedModel full = pretrain(pretrained, source, all, seed);
      for (Map.Entry<String, Split> t : targets.entrySet()) {
        String target = t.getKey();
        Split split = t.getValue();
        finetuneBoth(target, "full", null, seed, full, split, source.classNames().size(), all.length);
        try (PretrainedModel scratch = trainer.initialise(source.classNames().size(), pretrainOptions(seed))) {
          finetuneBoth(target, "scratch", null, seed, scratch, split, 0, 0);
        }
        TargetData targetData = TargetData.builder().name(target).images(split.train())
            .logits(targetLogits.get(target)).features(targetFeatures.get(target)).build();
        Scoring lm = scorer(Pruner.forTarget(targetData), "lm", seed, source.classNames().size()).score(sourceData);
        for (String method : options.methods()) {
          Scoring scoring = scorer(Pruner.forTarget(targetData), method, seed, source.classNames().size())
              .score(sourceData);
          recordMassCurve(target, method, seed, scoring);
          for (double ratio : options.ratios()) {
            // Sample-level baselines keep as many samples as LM keeps at this ratio.
            KeepRule rule = Registry.scorers().find(method).info().level() == Level.SAMPLE
                ? KeepRule.count(lm.select(KeepRule.ratio(ratio)).keptSampleCount())
                : KeepRule.ratio(ratio);
            Selection selection = scoring.select(rule);
            record(target, method, ratio, seed, selection, source);
            PretrainedModel model = pretrain(pretrained, source, selection.keptSamples(), seed);
            finetuneBoth(target, method, ratio, seed, model, split, selection.keep(), selection.keptSampleCount());
          }
        }
      }
    } finally {
      pretrained.values().forEach(PretrainedModel::close);
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("dp4tl-demo-signals-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the surrogate's training signals", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try {
      MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  private PruneBuilder scorer(Pruner pruner, String method, long seed, int classes) {
    PruneBuilder b = method.equals("fm") ? pruner.featureMapping().clusters(classes) : pruner.scorer(method);
    return b.seed(seed).threads(options.threads());
  }

  /** Pretrains on these samples, or reuses the network already pretrained on exactly them. */
  private PretrainedModel pretrain(Map<String, PretrainedModel> cache, ImageSet source, int[] samples, long seed) {
    Hasher hasher = Hashing.sha256().newHasher().putInt(samples.length);
    for (int s : samples) {
      hasher.putInt(s);
    }
    String key = hasher.hash().toString();
    PretrainedModel model = cache.get(key);
    if (model == null) {
      model = trainer.pretrain(source, samples, pretrainOptions(seed), control);
      cache.put(key, model);
    }
    return model;
  }

  private void finetuneBoth(String target, String method, Double ratio, long seed, PretrainedModel model, Split split,
      int keptClasses, int keptSamples) {
    for (FinetuneMode mode : FinetuneMode.values()) {
      Evaluation e = trainer.finetune(model, split.train(), split.test(), mode, finetuneOptions(seed, mode), control);
      RunResult r = new RunResult(target, method, ratio, seed, mode == FinetuneMode.LINEAR_PROBE ? "LP" : "FF",
          e.lastAccuracy(), e.bestAccuracy(), method.equals("scratch") ? 0 : model.trainingMillis(), keptClasses,
          keptSamples);
      results.add(r);
      control.progress().report("demo", String.format("%s %s r=%s seed %d %s: last %.2f%%, best %.2f%%",
          target, method, ratio == null ? "-" : ratio, seed, r.mode(), 100 * r.lastAccuracy(), 100 * r.bestAccuracy()));
    }
  }

  private void record(String target, String method, double ratio, long seed, Selection s, ImageSet source) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("target", target);
    summary.put("method", method);
    summary.put("ratio", ratio);
    summary.put("seed", seed);
    summary.put("keep", s.keep());
    summary.put("keptSamples", s.keptSampleCount());
    int[] ranking = s.ranking();
    List<String> top = new ArrayList<>();
    for (int i = 0; i < Math.min(30, ranking.length); i++) {
      top.add(switch (s.level()) {
        case CLASS -> source.classNames().get(ranking[i]);
        case CLUSTER -> "cluster " + ranking[i];
        case SAMPLE -> "sample " + ranking[i];
      });
    }
    summary.put("top30", top);
    double[] h = s.histogram();
    summary.put("groupsWithEvidence", h == null ? null : Arrays.stream(h).filter(v -> v > 0).count());
    selections.put(target + "/" + method + "/r" + ratio + "/seed" + seed, summary);
    if (method.equals("lm") && seed == options.seeds().get(0) && !keptSheets.containsKey(target)) {
      List<Image> sheet = new ArrayList<>();
      for (int i = 0; i < Math.min(64, s.keep()); i++) {
        int cls = ranking[i];
        int sample = IntStream.range(0, source.size()).filter(j -> source.label(j) == cls).findFirst().orElseThrow();
        sheet.add(source.image(sample));
      }
      keptSheets.put(target, sheet);
    }
  }

  /**
   * The share of the target's mapped mass carried by the top 1, 2, ... classes (the automatic
   * ratio's curve), for the methods whose evidence is a mass: lm and lm-soft, first seed.
   */
  private void recordMassCurve(String target, String method, long seed, Scoring scoring) {
    if ((method.equals("lm") || method.equals("lm-soft")) && seed == options.seeds().get(0)) {
      massCurves.put(target + "/" + method, scoring.massCurve());
    }
  }

  private FloatMatrix infer(ModelBackend backend, ImageSet images, String what, boolean logits) {
    return (logits
        ? new InferencePass(backend, images, what, true, false, 256).run(control).logits()
        : new InferencePass(backend, images, what, false, true, 256).run(control).features()).orElseThrow();
  }

  private TrainingOptions surrogateOptions(long seed) {
    return TrainingOptions.builder(options.surrogateArchitecture()).width(options.width())
        .epochs(options.surrogateEpochs()).warmupEpochs(Math.min(1, options.surrogateEpochs() - 1)).augment(true)
        .seed(seed).threads(options.threads()).build();
  }

  private TrainingOptions pretrainOptions(long seed) {
    return TrainingOptions.builder(options.architecture()).width(options.width()).epochs(options.pretrainEpochs())
        .warmupEpochs(Math.min(1, options.pretrainEpochs() - 1)).augment(true).seed(seed).threads(options.threads())
        .build();
  }

  /** A linear probe trains only a head on frozen features, so it takes a larger step than a full finetune. */
  private TrainingOptions finetuneOptions(long seed, FinetuneMode mode) {
    return TrainingOptions.builder(options.architecture()).width(options.width()).epochs(options.finetuneEpochs())
        .batchSize(64).learningRate(mode == FinetuneMode.LINEAR_PROBE ? 0.2 : 0.05).augment(true).seed(seed)
        .threads(options.threads()).build();
  }
}
