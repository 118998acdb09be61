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
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The end-to-end protocol of the paper on real data: train one surrogate on the source (less a
 * held-out image per class, on which its top-1 is measured), select with every method and ratio
 * for every target, pretrain on each selection with the same number of epochs, finetune on the
 * target (a converged linear probe and a full finetune) and evaluate; plus full-source pretraining
 * and training from scratch as references, for every seed. Seed s of every method pairs with seed
 * s of full-source pretraining. The glyph render cache, the surrogate, its inference over source
 * and targets, and every pretrained network are computed once and reused across ratios, methods
 * and seeds where they are the same; with a checkpoint directory a rerun resumes every training.
 * Each long step reports to the run's progress listener, followed by the elapsed time and an ETA.
 */
public final class Demo {
  /**
   * Batch of the surrogate and of pretraining: 64, twice the SGD steps per epoch of 128, which left
   * the 1,000-class source underfitted after a few epochs (docs/demo.md).
   */
  static final int BATCH = 64;
  /** The compared methods that score from the surrogate's training signals. */
  private static final Set<String> SIGNAL_METHODS = Set.of("el2n", "grand", "forgetting");
  private final DemoOptions options;
  private final RunControl control;
  private final Trainer trainer;
  private final List<RunResult> results = new ArrayList<>();
  private final Map<String, Object> selections = new LinkedHashMap<>();
  private final Map<String, List<Image>> keptSheets = new LinkedHashMap<>();
  private final Map<String, List<String>> topClasses = new LinkedHashMap<>();
  private final Map<String, double[]> massCurves = new LinkedHashMap<>();
  private final Set<String> reused = new LinkedHashSet<>();
  private final long started = System.nanoTime();
  private Clock clock;

  public Demo(DemoOptions options, RunControl control) {
    this.options = options;
    this.control = control;
    this.trainer = Registry.trainers().find("djl");
  }

  /**
   * What the run produced.
   *
   * @param surrogate the surrogate's top-1 on its training images and on the held-out ones
   * @param topClasses LM's 30 top-ranked source classes per target (first seed)
   * @param reused what was computed once and reused, in words
   */
  public record Outcome(
      List<RunResult> results,
      Map<String, Object> selections,
      Map<String, List<Image>> keptSheets,
      Map<String, List<String>> topClasses,
      Map<String, double[]> massCurves,
      SurrogateFit surrogate,
      List<String> reused,
      int sourceClasses,
      int sourceSamples) {}

  /**
   * How well the surrogate fits the source.
   *
   * @param trainAccuracy top-1 (inference mode) on the images it was trained on
   * @param heldOutAccuracy top-1 on one held-out image per class, or {@code null} when none was held
   *     out (a sample-level baseline needs the surrogate's training signals on every image)
   * @param heldOut number of held-out images
   */
  public record SurrogateFit(double trainAccuracy, Double heldOutAccuracy, int heldOut) {
    /** e.g. {@code "97.90% (1000 images)"}, or why there is none. */
    public String heldOutText() {
      return heldOutAccuracy == null ? "not measured (no image held out: the sample-level baselines need the"
          + " surrogate's training signals on every source image)"
          : String.format("%.2f%% (%d images)", 100 * heldOutAccuracy, heldOut);
    }
  }

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
    clock = new Clock(source.size(), targets);
    int[] all = IntStream.range(0, source.size()).toArray();
    // The sample-level baselines that score from the surrogate's training signals need them for every
    // source image, so with one of those compared no image is held out.
    Path signals = recordsSignals() ? temporaryDirectory() : null;
    try {
      int[] heldOut = signals == null ? heldOut(source) : new int[0];
      int[] surrogateTrain =
          IntStream.range(0, source.size()).filter(i -> Arrays.binarySearch(heldOut, i) < 0).toArray();
      SourceData sourceData;
      Map<String, TargetData> targetData = new LinkedHashMap<>();
      SurrogateFit fit;
      try (PretrainedModel surrogate = surrogateTrainer(signals).pretrain(source, surrogateTrain, surrogateOptions(),
              control);
          ModelBackend backend = surrogate.asSurrogate()) {
        clock.done("surrogate", (double) surrogateTrain.length * options.surrogateEpochs());
        InferencePass.Result onSource = new InferencePass(backend, source, "source", true, true, 256).run(control);
        fit = surrogateFit(source, onSource.logits().orElseThrow(), heldOut);
        control.progress().report("demo", String.format("surrogate %s: train top-1 %.2f%%, held-out top-1 %s",
            options.surrogateArchitecture(), 100 * fit.trainAccuracy(), fit.heldOutText()));
        SourceData.Builder builder = SourceData.builder().name("glyphs").images(source)
            .features(onSource.features().orElseThrow());
        if (signals != null) {
          builder.signals(SignalRecording.read(List.of(signals)));
        }
        sourceData = builder.build();
        for (Map.Entry<String, Split> t : targets.entrySet()) {
          InferencePass.Result r = new InferencePass(backend, t.getValue().train(), "target " + t.getKey(), true,
              true, 256).run(control);
          targetData.put(t.getKey(), TargetData.builder().name(t.getKey()).images(t.getValue().train())
              .logits(r.logits().orElseThrow()).features(r.features().orElseThrow()).build());
        }
        clock.done("inference", Clock.INFERENCE_SHARE * (source.size() + targets.values().stream()
            .mapToInt(t -> t.train().size()).sum()));
      }
      if (options.seeds().size() > 1) {
        reused.add("the surrogate (trained once, seed " + options.seeds().get(0) + ") and its logits and features of"
            + " the source and target images" + (signals == null ? "" : " and its training signals")
            + ", for every seed");
      }
      for (long seed : options.seeds()) {
        runSeed(seed, source, all, targets, sourceData, targetData);
      }
      return new Outcome(results, selections, keptSheets, topClasses, massCurves, fit, List.copyOf(reused),
          source.classNames().size(), source.size());
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
   * the one surrogate; per-epoch correctness, and logits and features after epoch
   * {@link SignalRecording#defaultLogitsEpoch}) into {@code signals}.
   */
  private Trainer surrogateTrainer(Path signals) {
    return signals == null ? trainer : new DjlTrainer().recordingSignals(
        new SignalRecording(signals, SignalRecording.defaultLogitsEpoch(options.surrogateEpochs())));
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

  /** The last image of every class, by index: never seen by the surrogate. */
  private static int[] heldOut(ImageSet source) {
    Map<Integer, Integer> last = new HashMap<>();
    for (int i = 0; i < source.size(); i++) {
      last.put(source.label(i), i);
    }
    return last.values().stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  private static SurrogateFit surrogateFit(ImageSet source, FloatMatrix logits, int[] heldOut) {
    int rightTrain = 0;
    int rightHeld = 0;
    for (int i = 0; i < source.size(); i++) {
      int best = 0;
      for (int c = 1; c < logits.cols(); c++) {
        if (logits.get(i, c) > logits.get(i, best)) {
          best = c;
        }
      }
      boolean right = best == source.label(i);
      if (Arrays.binarySearch(heldOut, i) >= 0) {
        rightHeld += right ? 1 : 0;
      } else {
        rightTrain += right ? 1 : 0;
      }
    }
    return new SurrogateFit((double) rightTrain / (source.size() - heldOut.length),
        heldOut.length == 0 ? null : (double) rightHeld / heldOut.length, heldOut.length);
  }

  private void runSeed(long seed, ImageSet source, int[] all, Map<String, Split> targets, SourceData sourceData,
      Map<String, TargetData> targetData) {
    Map<String, PretrainedModel> pretrained = new HashMap<>();
    try {
      PretrainedModel full = pretrain(pretrained, source, all, seed);
      for (Map.Entry<String, Split> t : targets.entrySet()) {
        String target = t.getKey();
        Split split = t.getValue();
        finetuneBoth(target, "full", null, seed, full, split, source.classNames().size(), all.length);
        if (options.modes().contains(FinetuneMode.FULL)) {
          try (PretrainedModel scratch = trainer.initialise(source.classNames().size(), pretrainOptions(seed))) {
            finetune(target, "scratch", null, seed, scratch, split, FinetuneMode.FULL, 0, 0);
          }
        }
        Scoring lm = scorer(Pruner.forTarget(targetData.get(target)), "lm", seed, source.classNames().size())
            .score(sourceData);
        for (String method : options.methods()) {
          Scoring scoring = scorer(Pruner.forTarget(targetData.get(target)), method, seed, source.classNames().size())
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
      clock.done("pretraining", (double) samples.length * options.pretrainEpochs());
    } else {
      reused.add("networks pretrained on the same samples with the same seed (e.g. two methods keeping the same"
          + " classes)");
    }
    return model;
  }

  /**
   * Both finetuning modes of a pretrained network (training from scratch has only FF: a linear
   * probe of random features says nothing about pretraining).
   */
  private void finetuneBoth(String target, String method, Double ratio, long seed, PretrainedModel model, Split split,
      int keptClasses, int keptSamples) {
    for (FinetuneMode mode : options.modes()) {
      finetune(target, method, ratio, seed, model, split, mode, keptClasses, keptSamples);
    }
  }

  private void finetune(String target, String method, Double ratio, long seed, PretrainedModel model, Split split,
      FinetuneMode mode, int keptClasses, int keptSamples) {
    Evaluation e = trainer.finetune(model, split.train(), split.test(), mode, finetuneOptions(seed), control);
    double[] epochs = e.epochAccuracies();
    int bestEpoch = 0;
    for (int i = 1; i < epochs.length; i++) {
      bestEpoch = epochs[i] > epochs[bestEpoch] ? i : bestEpoch;
    }
    RunResult r = new RunResult(target, method, ratio, seed, mode == FinetuneMode.LINEAR_PROBE ? "LP" : "FF",
        e.lastAccuracy(), e.bestAccuracy(), bestEpoch + 1, epochs.length,
        method.equals("scratch") ? 0 : model.trainingMillis(), keptClasses, keptSamples);
    results.add(r);
    int images = split.train().size() + split.test().size();
    clock.done(mode == FinetuneMode.FULL ? "finetuning" : "linear probe", mode == FinetuneMode.FULL
        ? (double) options.finetuneEpochs() * (split.train().size() + Clock.INFERENCE_SHARE * split.test().size())
        : Clock.INFERENCE_SHARE * images);
    control.progress().report("demo", String.format("%s %s r=%s seed %d %s: last %.2f%%, best %.2f%% (epoch %d of %d)"
            + " | %s", target, method, ratio == null ? "-" : ratio, seed, r.mode(), 100 * r.lastAccuracy(),
        100 * r.bestAccuracy(), r.bestEpoch(), r.epochs(), clock.status()));
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
      topClasses.put(target, top);
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

  private TrainingOptions surrogateOptions() {
    return TrainingOptions.builder(options.surrogateArchitecture()).width(options.width())
        .epochs(options.surrogateEpochs()).batchSize(BATCH).warmupEpochs(Math.min(1, options.surrogateEpochs() - 1))
        .augment(true).seed(options.seeds().get(0)).threads(options.threads()).checkpointDir(options.checkpointDir())
        .build();
  }

  private TrainingOptions pretrainOptions(long seed) {
    return TrainingOptions.builder(options.architecture()).width(options.width()).epochs(options.pretrainEpochs())
        .batchSize(BATCH).warmupEpochs(Math.min(1, options.pretrainEpochs() - 1)).augment(true).seed(seed)
        .threads(options.threads()).checkpointDir(options.checkpointDir()).build();
  }

  /** Full finetuning: SGD, smaller steps than pretraining; the linear probe uses only the seed and threads. */
  private TrainingOptions finetuneOptions(long seed) {
    return TrainingOptions.builder(options.architecture()).width(options.width()).epochs(options.finetuneEpochs())
        .batchSize(64).learningRate(0.05).warmupEpochs(Math.min(1, options.finetuneEpochs() - 1)).augment(true)
        .seed(seed).threads(options.threads()).checkpointDir(options.checkpointDir()).build();
  }

  /**
   * Elapsed time and ETA from the work planned up front, in image passes (a training pass over one
   * image = 1, an inference pass = {@link #INFERENCE_SHARE}; pruned pretraining is planned at
   * {@code 1 - r} of the source), and the rate measured so far.
   */
  private final class Clock {
    static final double INFERENCE_SHARE = 1 / 3.0;
    private final double planned;
    private double done;

    Clock(int sourceSize, Map<String, Split> targets) {
      double sum = (double) sourceSize * options.surrogateEpochs() + INFERENCE_SHARE * sourceSize;
      double ratios = options.ratios().stream().mapToDouble(r -> 1 - r).sum() * options.methods().size();
      sum += options.seeds().size() * (1 + ratios) * sourceSize * options.pretrainEpochs();
      for (Split t : targets.values()) {
        int n = t.train().size();
        int m = t.test().size();
        boolean full = options.modes().contains(FinetuneMode.FULL);
        double ff = full ? options.finetuneEpochs() * (n + INFERENCE_SHARE * m) : 0;
        double lp = options.modes().contains(FinetuneMode.LINEAR_PROBE) ? INFERENCE_SHARE * (n + m) : 0;
        int pretrainedModels = 1 + options.methods().size() * options.ratios().size();
        sum += INFERENCE_SHARE * n + options.seeds().size() * (pretrainedModels * (ff + lp) + ff);
      }
      planned = sum;
    }

    void done(String what, double units) {
      done += units;
    }

    String status() {
      double elapsed = (System.nanoTime() - started) / 1e9;
      double eta = done > 0 ? elapsed / done * Math.max(0, planned - done) : Double.NaN;
      return String.format("%s elapsed, ETA %s (%.0f%% of the planned work)", minutes(elapsed), minutes(eta),
          100 * Math.min(1, done / planned));
    }

    private String minutes(double seconds) {
      return Double.isNaN(seconds) ? "?" : String.format("%dm%02ds", (long) seconds / 60, (long) seconds % 60);
    }
  }
}
