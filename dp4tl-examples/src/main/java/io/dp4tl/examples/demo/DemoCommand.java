package io.dp4tl.examples.demo;

import com.google.common.base.Stopwatch;
import io.dp4tl.api.progress.Cancellation;
import io.dp4tl.api.progress.ConsoleProgress;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.FinetuneMode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dp4tl demo}: prunes a real many-class source for real targets, pretrains on each
 * selection, finetunes, and writes {@code report/}. The default grid (digits; lm, fm, random-class,
 * lm-bottom at r = 0.5 and 0.8; 3 seeds) is sized for about 20 minutes on 2 unloaded cores;
 * {@code --full} runs the paper's grid and the scorers beyond it, with checkpoints so that a rerun
 * resumes. The method lists are data: {@link #DEFAULT_METHODS} and {@link #FULL_METHODS}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "End-to-end check of dataset pruning on real data: glyph source, handwritten-digit and Fashion-MNIST targets.",
      "Needs the data of scripts/install-data.sh (./dp4tl demo runs it first)."
    })
public final class DemoCommand implements Callable<Integer> {
  /** Scorers of the default run. */
  static final List<String> DEFAULT_METHODS = List.of("lm", "fm", "random-class", "lm-bottom");
  /** Scorers of {@code --full}: the paper's and those beyond it. */
  static final List<String> FULL_METHODS = List.of("lm", "fm", "random-class", "lm-bottom", "lm-soft", "lm-coverage",
      "el2n", "grand", "forgetting", "moderate", "random-sample");

  @Option(names = "--full", description = "Whole grid: both targets; lm, fm, random-class, lm-bottom, lm-soft, "
      + "lm-coverage, and the sample-level baselines el2n, grand, forgetting, moderate, random-sample (at LM's"
      + " kept-sample budget); ratios 0.5, 0.7, 0.8, 0.9; seeds 1, 2, 3; checkpoints in REPORT/checkpoints, so a"
      + " rerun resumes (hours on 2 cores, see docs/demo.md).")
  boolean full;

  @Option(names = "--targets", split = ",", description = "Targets (digits, fashion). Default: digits; --full: both.")
  List<String> targets;

  @Option(names = "--methods", split = ",", description = "Scorers to compare. Default: lm, fm, random-class,"
      + " lm-bottom. Sample-level baselines (el2n, grand, forgetting, moderate, random-sample) keep as many"
      + " samples as lm at each ratio; el2n, grand and forgetting score from the surrogate's own training (R = 1"
      + " run per seed: logits and features after a tenth of its epochs, correctness every epoch). --methods="
      + " (empty) runs only full-source pretraining and scratch (to tune the training recipe).")
  List<String> methods;

  @Option(names = "--ratios", split = ",", description = "Pruning ratios. Default: 0.5, 0.8.")
  List<Double> ratios;

  @Option(names = "--seeds", split = ",", description = "Seeds, one run of the grid each, paired across methods. "
      + "Default: 1, 2, 3.")
  List<Long> seeds;

  @Option(names = "--source-classes", defaultValue = "1000",
      description = "Glyph classes in the source (default ${DEFAULT-VALUE}).")
  int sourceClasses;

  @Option(names = "--samples-per-class", defaultValue = "16",
      description = "Images per source class (default ${DEFAULT-VALUE}).")
  int samplesPerClass;

  @Option(names = "--network", defaultValue = "cnn-6",
      description = "Pretrained network (default ${DEFAULT-VALUE}).")
  String network;

  @Option(names = "--surrogate-network", defaultValue = "cnn-6",
      description = "Surrogate network (default ${DEFAULT-VALUE}).")
  String surrogateNetwork;

  @Option(names = "--width", defaultValue = "32",
      description = "Network width, surrogate and pretrained (default ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--surrogate-epochs", defaultValue = "12",
      description = "Epochs of the surrogate on the source (default ${DEFAULT-VALUE}).")
  int surrogateEpochs;

  @Option(names = "--epochs", defaultValue = "6",
      description = "Pretraining epochs, whatever the ratio (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--finetune-epochs", defaultValue = "10",
      description = "Full-finetuning epochs (default ${DEFAULT-VALUE}); the linear probe fits to convergence.")
  int finetuneEpochs;

  @Option(names = "--threads", defaultValue = "2",
      description = "CPU threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--report", defaultValue = "report",
      description = "Report directory (default ${DEFAULT-VALUE}).")
  Path report;

  @Option(names = "--modes", split = ",", defaultValue = "LP,FF", description = "Finetuning modes: LP (linear probe), "
      + "FF (full finetune; also runs training from scratch). Default: ${DEFAULT-VALUE}.")
  List<String> modes;

  @Option(names = "--checkpoints", description = "Keep every training's checkpoints here; a rerun with the same "
      + "settings resumes and reuses finished trainings. Default: none; --full: REPORT/checkpoints.")
  Path checkpoints;

  private static FinetuneMode mode(String name) {
    return switch (name.trim()) {
      case "LP" -> FinetuneMode.LINEAR_PROBE;
      case "FF" -> FinetuneMode.FULL;
      default -> throw new IllegalArgumentException("unknown finetuning mode '" + name + "' (LP, FF)");
    };
  }

  @Override
  public Integer call() throws Exception {
    DemoOptions options = new DemoOptions(
        targets != null ? targets : full ? List.of("digits", "fashion") : List.of("digits"),
        methods != null ? methods.stream().filter(m -> !m.isBlank()).toList()
            : full ? FULL_METHODS : DEFAULT_METHODS,
        ratios != null ? ratios : full ? List.of(0.5, 0.7, 0.8, 0.9) : List.of(0.5, 0.8),
        seeds != null ? seeds : List.of(1L, 2L, 3L),
        sourceClasses, samplesPerClass, network, width, surrogateNetwork, surrogateEpochs, epochs, finetuneEpochs,
        threads, report, modes.stream().map(DemoCommand::mode).toList(),
        checkpoints != null ? checkpoints : full ? report.resolve("checkpoints") : null);
    Stopwatch watch = Stopwatch.createStarted();
    Demo.Outcome outcome = new Demo(options, new RunControl(new ConsoleProgress(), Cancellation.create())).run();
    DemoReport.write(options, outcome, watch.elapsed(TimeUnit.MILLISECONDS));
    System.out.println("dp4tl demo: report written to " + report.toAbsolutePath() + "; wall time "
        + watch.elapsed(TimeUnit.SECONDS) / 60 + " min " + watch.elapsed(TimeUnit.SECONDS) % 60 + " s");
    return 0;
  }
}
