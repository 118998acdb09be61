package io.dp4tl.examples.demo;

import com.google.common.base.Stopwatch;
import io.dp4tl.api.progress.Cancellation;
import io.dp4tl.api.progress.ConsoleProgress;
import io.dp4tl.api.progress.RunControl;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dp4tl demo}: prunes a real many-class source for real targets, pretrains on each
 * selection, finetunes, and writes {@code report/}. The default grid is sized to finish in about 20
 * minutes on 2 cores; {@code --full} runs the paper's grid and the scorers beyond it.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "End-to-end check of dataset pruning on real data: glyph source, handwritten-digit and Fashion-MNIST targets.",
      "Needs the data of scripts/install-data.sh (./dp4tl demo runs it first)."
    })
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--full", description = "Whole grid: both targets; lm, fm, random-class, lm-bottom, lm-soft, "
      + "lm-coverage, and the sample-level baselines el2n, grand, forgetting, moderate, random-sample (at LM's"
      + " kept-sample budget); ratios 0.5, 0.7, 0.8, 0.9; seeds 1, 2, 3 (hours on 2 cores).")
  boolean full;

  @Option(names = "--targets", split = ",", description = "Targets (digits, fashion). Default: digits; --full: both.")
  List<String> targets;

  @Option(names = "--methods", split = ",", description = "Scorers to compare. Default: lm, fm, random-class,"
      + " lm-bottom. Sample-level baselines (el2n, grand, forgetting, moderate, random-sample) keep as many"
      + " samples as lm at each ratio; el2n, grand and forgetting score from the surrogate's own training (R = 1 run per seed: logits and"
      + " features after a tenth of its epochs, correctness every epoch).")
  List<String> methods;

  @Option(names = "--ratios", split = ",", description = "Pruning ratios. Default: 0.5, 0.8.")
  List<Double> ratios;

  @Option(names = "--seeds", split = ",", description = "Seeds, one run of the grid each. Default: 1.")
  List<Long> seeds;

  @Option(names = "--source-classes", defaultValue = "1000", description = "Glyph classes in the source (default ${DEFAULT-VALUE}).")
  int sourceClasses;

  @Option(names = "--samples-per-class", defaultValue = "16", description = "Images per source class (default ${DEFAULT-VALUE}).")
  int samplesPerClass;

  @Option(names = "--network", defaultValue = "resnet-8", description = "Pretrained network (default ${DEFAULT-VALUE}).")
  String network;

  @Option(names = "--width", defaultValue = "16", description = "Network width (default ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--surrogate-epochs", defaultValue = "15", description = "Epochs of the surrogate on the full source (default ${DEFAULT-VALUE}).")
  int surrogateEpochs;

  @Option(names = "--epochs", defaultValue = "5", description = "Pretraining epochs, whatever the ratio (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--finetune-epochs", defaultValue = "4", description = "Finetuning epochs (default ${DEFAULT-VALUE}).")
  int finetuneEpochs;

  @Option(names = "--threads", defaultValue = "2", description = "CPU threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--report", defaultValue = "report", description = "Report directory (default ${DEFAULT-VALUE}).")
  Path report;

  @Override
  public Integer call() throws Exception {
    List<String> fullMethods = List.of("lm", "fm", "random-class", "lm-bottom", "lm-soft", "lm-coverage", "el2n",
        "grand", "forgetting", "moderate", "random-sample");
    DemoOptions options = new DemoOptions(
        targets != null ? targets : full ? List.of("digits", "fashion") : List.of("digits"),
        methods != null ? methods : full ? fullMethods : List.of("lm", "fm", "random-class", "lm-bottom"),
        ratios != null ? ratios : full ? List.of(0.5, 0.7, 0.8, 0.9) : List.of(0.5, 0.8),
        seeds != null ? seeds : full ? List.of(1L, 2L, 3L) : List.of(1L),
        sourceClasses, samplesPerClass, network, width, "cnn", surrogateEpochs, epochs, finetuneEpochs, threads, report);
    Stopwatch watch = Stopwatch.createStarted();
    Demo.Outcome outcome = new Demo(options, new RunControl(new ConsoleProgress(), Cancellation.create())).run();
    DemoReport.write(options, outcome, watch.elapsed(TimeUnit.MILLISECONDS));
    System.out.println("dp4tl demo: report written to " + report.toAbsolutePath() + " in "
        + watch.elapsed(TimeUnit.SECONDS) + " s");
    return 0;
  }
}
