package io.dp4tl.cli;

import io.dp4tl.api.Device;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Level;
import io.dp4tl.api.PruneBuilder;
import io.dp4tl.api.PruneOptions;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.api.progress.ConsoleProgress;
import io.dp4tl.api.spi.Evidence;
import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.api.spi.Registry;
import io.dp4tl.api.spi.ScorerInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dp4tl select}: scores the source's groups for the target from precomputed {@code .npy}
 * arrays, cuts a selection and writes it ({@code selection.json} + {@code kept-samples.<hash>.npy})
 * into {@code --out}. Nothing is written unless the whole run succeeds.
 */
@Command(
    name = "select",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Rank the source's classes or clusters for a target and write the selection.",
    customSynopsis = {
      "dp4tl select --method lm --target-logits T.npy --source-labels L.npy",
      "                    (--ratio R | --keep N) --out DIR [COMMON]",
      "       dp4tl select --method fm --target-features T.npy --source-features F.npy",
      "                    (--source-groups G.npy | --clusters K [--seed S])",
      "                    (--ratio R | --keep N) --out DIR [COMMON]",
      "       dp4tl select --method NAME INPUTS... [--option KEY=VALUE]... (--ratio R | --keep N | --share S)",
      "                    --out DIR [COMMON]     (INPUTS: as 'Methods' below lists for NAME)",
      "       dp4tl select --method el2n|grand|forgetting|moderate|random-sample SOURCE-INPUTS...",
      "                    (--ratio R | --keep N | --keep-samples-of SEL) --out DIR [COMMON]",
      "       dp4tl select --method NAME --surrogate MODEL [--surrogate-option K=V]... --target-images PATH",
      "                    --source DIR [--clusters K] (--ratio R | --keep N | --share S) --out DIR [COMMON]",
      "COMMON: [--threads N] [--device cpu|gpu|auto] [--progress] [--verbose] [--option KEY=VALUE]...",
      ""
    },
    description = {
      "Ranks the source's groups (classes or clusters) by how the target maps onto them, keeps the best N"
          + " and writes the selection to DIR: selection.json (the manifest, see docs/manifest.md) and"
          + " kept-samples.<hash>.npy (the kept source sample indices, ascending int64). DIR is created if"
          + " missing and left untouched on any error; one writer at a time (DIR/.lock).",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  dp4tl select --method lm --target-logits T.npy --source-labels L.npy \\",
      "      --ratio 0.6 --out sel",
      "  dp4tl select --method fm --target-features T.npy --source-features F.npy \\",
      "      --clusters 1000 --seed 7 --keep 300 --out sel",
      "  dp4tl select --method el2n --source-logits run0.npy,run1.npy --source-labels L.npy \\",
      "      --keep-samples-of sel --out el2n"
    })
final class SelectCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--method", required = true, paramLabel = "NAME", description = {
    "Selection method: any scorer on the classpath; 'Methods' below lists each with the inputs it needs and the"
        + " options it accepts (lm: Label Mapping, fm: Feature Mapping, baselines and methods beyond the paper)."
  })
  String method;

  @Option(names = "--surrogate", paramLabel = "MODEL", description = {
    "A surrogate model file (*.onnx, or a dp4tl/DJL .params file) run over --target-images (and, for fm, over"
        + " --source) instead of precomputed logits or features."
  })
  Path surrogate;

  @Option(names = "--surrogate-option", paramLabel = "KEY=VALUE", description = {
    "An option of the surrogate's engine, repeatable; for onnx e.g. input.size=32x32 (required), input.channels=1,"
        + " input.invert=true, logits=NAME, features=NAME, threads=N (see OnnxBackendProvider)."
  })
  Map<String, String> surrogateOptions = new LinkedHashMap<>();

  @Option(names = "--target-images", paramLabel = "PATH", description = {
    "Target training images for --surrogate: a directory with one folder per class, or a .npy uint8 array."
  })
  Path targetImages;

  @Option(names = "--source", paramLabel = "DIR", description = {
    "Source images for --surrogate: a directory with one folder per class (the class is the label)."
  })
  Path source;

  @Option(names = "--target-logits", paramLabel = "T.npy", description = {
    "Surrogate logits of the target training samples: m x S floats, S = number of source classes."
  })
  Path targetLogits;

  @Option(names = "--target-features", paramLabel = "T.npy", description = {
    "Surrogate features of the target training samples: m x d floats."
  })
  Path targetFeatures;

  @Option(names = "--target-labels", paramLabel = "Y.npy", description = {
    "Class of every target training sample: m non-negative integers (read only by methods that need them)."
  })
  Path targetLabels;

  @Option(names = "--option", paramLabel = "KEY=VALUE", description = {
    "An option of the method, repeatable, e.g. soft.temperature=2 for lm-soft; 'Methods' below lists each"
        + " method's options. A key the method does not accept is refused, naming the ones it does."
  })
  Map<String, String> options = new LinkedHashMap<>();

  @Option(names = "--source-labels", paramLabel = "L.npy", description = {
    "Class label of every source sample: n integers, in [0, S) with --target-logits."
  })
  Path sourceLabels;

  @Option(names = "--source-features", paramLabel = "F.npy", split = ",", description = {
    "Features of every source sample, from the same extractor as --target-features: n x d floats; for grand, the"
        + " penultimate features of each run, comma-separated, one per --source-logits file."
  })
  List<Path> sourceFeatures = new ArrayList<>();

  @Option(names = "--source-logits", paramLabel = "A.npy[,B.npy...]", split = ",", description = {
    "Logits over the source of R models trained briefly on it, comma-separated: n x S floats each, S = number of"
        + " source classes (el2n, grand)."
  })
  List<Path> sourceLogits = new ArrayList<>();

  @Option(names = "--source-correctness", paramLabel = "C.npy", description = {
    "Whether each source sample was classified correctly at each epoch of training: epochs x n, 0 or 1"
        + " (forgetting)."
  })
  Path sourceCorrectness;

  @Option(names = "--source-groups", paramLabel = "G.npy", description = {
    "Group (cluster) of every source sample, given instead of --clusters: n non-negative integers (for methods"
        + " that cluster the source)."
  })
  Path sourceGroups;

  @Option(names = "--clusters", paramLabel = "K", description = {
    "Group the source into K k-means clusters of --source-features, instead of --source-groups (for methods that"
        + " cluster the source)."
  })
  Integer clusters;

  @Option(names = "--seed", paramLabel = "S", description = {
    "Seed of every random choice (k-means++, random baselines); default 0. Same seed, same selection."
  })
  Long seed;

  @ArgGroup(exclusive = true, multiplicity = "1")
  KeepChoice keep;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = {
    "Directory to write selection.json and its kept-samples.<hash>.npy into (created if missing; an earlier"
        + " selection there is replaced in one atomic step; a second writer to the same DIR fails at once)."
  })
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = {
    "Worker threads, 1 to " + PruneOptions.MAX_THREADS + " (default: one per core). The selection does not"
        + " depend on it."
  })
  Integer threads;

  @Option(names = "--device", paramLabel = "cpu|gpu|auto", defaultValue = "cpu", description = {
    "Where numeric kernels run: cpu (default), gpu (falls back to the CPU with a notice when none is usable)"
        + " or auto. Label Mapping and given-group Feature Mapping do not depend on it; k-means agrees up to"
        + " float rounding."
  })
  DeviceChoice device;

  @Option(names = "--progress", description = "Print progress of long passes to standard error.")
  boolean progress;

  @Option(names = "--verbose", description = {
    "Also print the log lines of the libraries dp4tl runs (ONNX Runtime, DJL) and the stack trace of a failure."
  })
  boolean verbose;

  /** How many groups to keep: exactly one of --ratio, --keep and --share. */
  static final class KeepChoice {
    @Option(names = "--ratio", required = true, paramLabel = "R", description = {
      "Fraction of the groups to prune, in [0, 1): keeps N = G - round(R * G) of the G groups."
    })
    Double ratio;

    @Option(names = "--keep", required = true, paramLabel = "N", description = "Number of groups to keep (>= 1).")
    Integer count;

    @Option(names = "--keep-samples-of", required = true, paramLabel = "SEL", description = {
      "Keep as many source samples as the selection in directory SEL kept (for the sample-level methods: the same"
          + " sample budget as, e.g., an lm selection)."
    })
    Path matched;

    @Option(names = "--share", required = true, paramLabel = "S", description = {
      "Automatic ratio: keep the fewest top-ranked groups carrying this share, in (0, 1], of the target's mapped"
          + " mass (the histogram); the manifest records the curve under details.massCurve."
    })
    Double share;
  }

  /** Values of {@code --device}. */
  enum DeviceChoice {
    cpu,
    gpu,
    auto
  }

  @Override
  public Integer call() {
    ScorerInfo info = scorer();
    checkUsage(info);
    KeepRule rule = keepRule();
    if (surrogate != null) {
      try (ModelBackend model = ImageInputs.surrogate(surrogate, surrogateOptions)) {
        TargetData target = TargetData.builder().name(targetImages.toString())
            .images(ImageInputs.read(targetImages, "--target-images")).build();
        SourceData sourceData = SourceData.builder().name(source.toString())
            .images(ImageInputs.read(source, "--source")).build();
        PruneBuilder run = builder(target, rule).surrogate(model);
        // Clustering methods group the source by its folders (its labels) unless --clusters is given.
        if (info.needs(Evidence.SOURCE_CLUSTERS) && clusters == null) {
          run.groupByLabels();
        }
        return write(run.prune(sourceData));
      }
    }
    return write(builder(target(), rule).prune(source()));
  }

  /** The target from the given files (none for the sample-level methods); the library checks them. */
  private TargetData target() {
    if (targetLogits == null && targetFeatures == null && targetLabels == null) {
      return TargetData.none();
    }
    TargetData.Builder target = TargetData.builder();
    if (targetLogits != null) {
      target.logits(targetLogits);
    }
    if (targetFeatures != null) {
      target.features(targetFeatures);
    }
    if (targetLabels != null) {
      target.labels(targetLabels);
    }
    return target.build();
  }

  /** The source from the given files; the library checks them against each other. */
  private SourceData source() {
    SourceData.Builder source = SourceData.builder();
    if (sourceLabels != null) {
      source.labels(sourceLabels);
    }
    if (sourceGroups != null) {
      source.groups(sourceGroups);
    }
    if (!sourceFeatures.isEmpty() && sourceLogits.isEmpty()) {
      source.features(sourceFeatures.get(0));
    }
    if (!sourceLogits.isEmpty() || sourceCorrectness != null) {
      source.signals(SignalFiles.read(sourceLogits, sourceLogits.isEmpty() ? List.of() : sourceFeatures,
          sourceCorrectness, sourceLabels));
    }
    return source.build();
  }

  /** The scorer's description; an unknown --method is a usage error listing the known ones. */
  private ScorerInfo scorer() {
    try {
      return Registry.scorers().find(method).info();
    } catch (InvalidInputException e) {
      throw usage("--method " + method + ": " + e.getMessage());
    }
  }

  /** The keep rule of --ratio, --keep or --share, checked by the library; out of range is a usage error. */
  private KeepRule keepRule() {
    if (keep.ratio != null) {
      return setting("--ratio", keep.ratio, () -> KeepRule.ratio(keep.ratio));
    }
    if (keep.count != null) {
      return setting("--keep", keep.count, () -> KeepRule.count(keep.count));
    }
    if (keep.matched != null) {
      return KeepRule.count(Selection.read(keep.matched).keptSampleCount());
    }
    return setting("--share", keep.share, () -> KeepRule.share(keep.share));
  }

  /** The run's builder with every setting of the command line but the surrogate. */
  private PruneBuilder builder(TargetData target, KeepRule rule) {
    PruneBuilder run = Pruner.forTarget(target).scorer(method).device(new Device(device.name())).rule(rule);
    if (seed != null) {
      run.seed(seed);
    }
    if (threads != null) {
      setting("--threads", threads, () -> run.threads(threads));
    }
    if (clusters != null) {
      setting("--clusters", clusters, () -> run.clusters(clusters));
    }
    if (progress) {
      run.progress(new ConsoleProgress());
    }
    options.forEach(run::option);
    return run;
  }

  /** Applies one setting; the library's refusal of its value becomes a usage error naming the option. */
  private <T> T setting(String option, Object value, Supplier<T> apply) {
    try {
      return apply.get();
    } catch (IllegalArgumentException e) {
      throw usage(option + " " + value + ": " + e.getMessage());
    }
  }

  private int write(Selection selection) {
    selection.write(out);
    spec.commandLine().getOut().println(selection);
    spec.commandLine().getOut().println("written to " + out);
    spec.commandLine().getOut().flush();
    return 0;
  }

  /**
   * Refuses, before any file is read, what cannot work whatever the files hold: which inputs the
   * method needs (from its {@link ScorerInfo}) and how they combine. Values are checked by the
   * library.
   */
  private void checkUsage(ScorerInfo info) {
    if (out.toAbsolutePath().normalize().getParent() == null) {
      throw usage("--out " + out + " is the file system's root; give a directory of its own for the selection");
    }
    if (surrogate != null) {
      require(targetImages, "--target-images", "the target's training images for the surrogate");
      require(source, "--source", "the source's images, one folder per class");
      for (Path given : new Path[] {targetLogits, targetFeatures, sourceLabels, sourceGroups, sourceCorrectness,
          first(sourceFeatures), first(sourceLogits)}) {
        if (given != null) {
          throw usage("--surrogate computes the logits and features itself; drop " + given
              + " (or drop --surrogate and give precomputed .npy inputs)");
        }
      }
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw usage("--out " + out + " is a file; give a directory (it is created if missing)");
      }
      return;
    }
    if (targetImages != null || source != null) {
      throw usage("--target-images and --source are read by a --surrogate model; give one, or precomputed .npy inputs");
    }
    if (info.needs(Evidence.TARGET_LOGITS)) {
      require(targetLogits, "--target-logits", "the surrogate's logits over the target, m x S");
    }
    if (info.needs(Evidence.SOURCE_LABELS)) {
      require(sourceLabels, "--source-labels", "the class of every source sample");
    }
    if (info.needs(Evidence.FEATURES)) {
      require(targetFeatures, "--target-features", "the target's features, m x d");
      require(first(sourceFeatures), "--source-features", "the source's features, n x d");
    }
    checkSignalUsage(info);
    if (info.needs(Evidence.SOURCE_CLUSTERS) && (clusters == null) == (sourceGroups == null)) {
      throw usage("--method " + method + " needs exactly one of --source-groups (given groups) and --clusters"
          + " (k-means)");
    }
    if (!info.needs(Evidence.SOURCE_CLUSTERS) && sourceGroups != null) {
      throw usage("--method " + method + " ranks the source's " + info.level().units() + "; --source-groups applies"
          + " to methods that cluster the source, such as fm");
    }
    if (info.level() != Level.SAMPLE && targetLogits == null && targetFeatures == null) {
      throw usage("give the target as --target-logits or --target-features");
    }
    if (sourceLabels == null && sourceFeatures.isEmpty() && sourceGroups == null && sourceLogits.isEmpty()
        && sourceCorrectness == null) {
      throw usage("give the source as --source-labels, --source-features or --source-groups");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw usage("--out " + out + " is a file; give a directory (it is created if missing)");
    }
  }

  /** The inputs of the sample-level baselines: training signals, source features, a sample budget. */
  private void checkSignalUsage(ScorerInfo info) {
    if (info.needs(Evidence.SOURCE_LOGITS) && sourceLogits.isEmpty()) {
      throw usage("--method " + method + " needs --source-logits A.npy[,B.npy...] (logits over the source of R"
          + " briefly trained models)");
    }
    if (!info.needs(Evidence.SOURCE_LOGITS) && !sourceLogits.isEmpty()) {
      throw usage("--method " + method + " does not read --source-logits (el2n and grand do)");
    }
    if (info.needs(Evidence.SOURCE_RUN_FEATURES) && sourceFeatures.isEmpty()) {
      throw usage("--method " + method + " needs --source-features H.npy[,...] (the penultimate features of each run)");
    }
    if (info.needs(Evidence.SOURCE_FEATURES)) {
      require(first(sourceFeatures), "--source-features", "the source's features, n x d");
    }
    if (!info.needs(Evidence.SOURCE_RUN_FEATURES) && sourceFeatures.size() > 1) {
      throw usage("--method " + method + " takes one --source-features file; several (one per run) are for grand");
    }
    if (info.level() == Level.SAMPLE && !sourceFeatures.isEmpty() && !info.needs(Evidence.SOURCE_FEATURES)
        && !info.needs(Evidence.SOURCE_RUN_FEATURES)) {
      throw usage("--method " + method + " reads no features; drop --source-features");
    }
    if (info.needs(Evidence.SOURCE_CORRECTNESS)) {
      require(sourceCorrectness, "--source-correctness", "epochs x n, 0 or 1");
    } else if (sourceCorrectness != null) {
      throw usage("--method " + method + " does not read --source-correctness (forgetting does)");
    }
    if (keep.matched != null && info.level() != Level.SAMPLE) {
      throw usage("--keep-samples-of sets a sample budget, for the sample-level methods; --method " + method
          + " keeps whole " + info.level().units() + ": use --ratio or --keep");
    }
  }

  private static Path first(List<Path> files) {
    return files.isEmpty() ? null : files.get(0);
  }

  private void require(Path given, String option, String what) {
    if (given == null) {
      throw usage("--method " + method + " needs " + option + " (" + what + ")");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
