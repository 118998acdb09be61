package io.dp4tl.spark;

import io.dp4tl.api.Dp4tlException;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.core.io.Npy;
import io.dp4tl.spark.internal.ArtifactWriter;
import io.dp4tl.spark.internal.Failures;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The selection as a Spark job, for {@code spark-submit} (and {@code ./dp4tl spark-select}, which
 * runs it in {@code local[N]}): reads the source from Parquet and the target from {@code .npy},
 * selects, and writes {@code --out} ({@code selection.json} + {@code kept/}). Exit status 0 on
 * success, 2 with one line on standard error on invalid usage or input (then {@code --out} is
 * untouched), 1 on other failures.
 */
@Command(name = "dp4tl spark-select", mixinStandardHelpOptions = true, sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Select source classes or clusters for a target on Spark and write the selection.",
    customSynopsis = {
      "dp4tl spark-select [--master local[2]] --method lm --source S.parquet --id-col id --label-col label",
      "                   --target-logits T.npy (--ratio R | --keep N) --out DIR",
      "dp4tl spark-select [--master local[2]] --method fm --source S.parquet --id-col id --features-col features",
      "                   --target-features T.npy (--source-groups-col group | --clusters K [--seed S])",
      "                   (--ratio R | --keep N) --out DIR",
      "dp4tl spark-select [--master local[2]] --method fm --source S.parquet --id-col id --image-col image",
      "                   --surrogate MODEL.onnx --surrogate-option input.size=WxH [--surrogate-option K=V]...",
      "                   --target-features T.npy (--source-groups-col group | --clusters K [--seed S])",
      "                   (--ratio R | --keep N) --out DIR",
      "spark-submit only: [--method lm-bottom|lm-soft|lm-coverage|random-class] [--target-labels Y.npy]",
      "                   [--share S] [--overwrite] [--no-id-check]",
      "                   [--kmeans-engine dp4tl|mllib] [--blocks N] [--option KEY=VALUE]...",
      ""
    })
public final class SelectJob implements Callable<Integer> {
  static final int INVALID = 2;
  static final int FAILURE = 1;

  @Option(names = "--master", description = "Spark master, e.g. local[2] (default: what spark-submit set)")
  String master;

  @Option(names = "--method", required = true, description = "lm, lm-bottom, lm-soft, lm-coverage, random-class or fm")
  String method;

  @Option(names = "--source", required = true, description = "source rows: a Parquet file or directory")
  String source;

  @Option(names = "--id-col", defaultValue = "id", description = "unique int64 id column (default: ${DEFAULT-VALUE})")
  String idColumn;

  @Option(names = "--label-col", description = "label column (lm, lm-bottom, lm-soft, lm-coverage, random-class)")
  String labelColumn;

  @Option(names = "--features-col", description = "features column, list<float> or an ML Vector (fm)")
  String featuresColumn;

  @Option(names = "--source-groups-col", description = "given groups column (fm)")
  String groupsColumn;

  @Option(names = "--image-col", description = "image column, binary (encoded image files), run through --surrogate"
      + " in the executors (fm; instead of --features-col)")
  String imageColumn;

  @Option(names = "--surrogate", paramLabel = "MODEL", description = "an ONNX model (.onnx, read by the driver,"
      + " broadcast to the executors) that computes the features of --image-col")
  Path surrogate;

  @Option(names = "--surrogate-option", paramLabel = "KEY=VALUE", description = "an option of the ONNX engine,"
      + " repeatable, as in dp4tl select: input.size=WxH (required), input.channels, input.mean, input.std,"
      + " features=NAME, batch=N, ... (threads: spark.task.cpus)")
  java.util.Map<String, String> surrogateOptions = new java.util.LinkedHashMap<>();

  @Option(names = "--target-logits", description = "target logits, .npy (n x source classes)")
  Path targetLogits;

  @Option(names = "--target-features", description = "target features, .npy (n x d)")
  Path targetFeatures;

  @Option(names = "--target-labels", paramLabel = "Y.npy", description = "class of every target sample, .npy"
      + " (lm-coverage)")
  Path targetLabels;

  @Option(names = "--clusters", description = "k-means clusters (fm)")
  Integer clusters;

  @Option(names = "--seed", description = "seed (default 0)")
  Long seed;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Rule rule;

  static final class Rule {
    @Option(names = "--ratio", required = true, description = "pruning ratio r in [0, 1): fraction of groups removed")
    Double ratio;

    @Option(names = "--keep", required = true, description = "number of groups kept")
    Integer keep;

    @Option(names = "--share", required = true, description = "share of the evidence mass kept, (0, 1]")
    Double share;
  }

  @Option(names = "--out", required = true, description = "output directory (must not exist unless --overwrite)")
  String out;

  @Option(names = "--overwrite", description = "replace an existing --out")
  boolean overwrite;

  @Option(names = "--no-id-check", description = "skip the unique-id check (a shuffle of the ids)")
  boolean noIdCheck;

  @Option(names = "--kmeans-engine", defaultValue = "dp4tl", description = "dp4tl (default) or mllib")
  String engine;

  @Option(names = "--blocks", description = "blocks of the feature layout (default 64)")
  Integer blocks;

  @Option(names = "--option", description = "method parameter KEY=VALUE, e.g. kmeans.maxIterations=5")
  java.util.Map<String, String> options = new java.util.LinkedHashMap<>();

  private PrintWriter err;

  /** Runs the job and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the job; returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    SelectJob job = new SelectJob();
    job.err = err;
    CommandLine cli = new CommandLine(job).setOut(out).setErr(err);
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("dp4tl spark-select: " + oneLine(e.getMessage()) + " (see --help)");
      return INVALID;
    });
    cli.setExecutionExceptionHandler((e, c, parsed) -> report(e, err));
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    TargetData target = target();
    SparkPruneBuilder builder = builder(target);
    SparkSession.Builder sessionBuilder = SparkSession.builder().appName("dp4tl spark-select");
    if (master != null) {
      sessionBuilder.master(master).config("spark.ui.enabled", "false");
    }
    SparkSession spark = sessionBuilder.getOrCreate();
    try {
      ArtifactWriter.checkTarget(spark, out, overwrite);
      Dataset<Row> rows = read(spark);
      SparkSource src = new SparkSource(rows, idColumn, labelColumn, featuresColumn, groupsColumn, imageColumn);
      try (SparkSelection selection = builder.prune(src)) {
        long kept = selection.write(out, overwrite);
        System.out.println(selection.selection().toString().replaceFirst(", 0 of (\\d+) source samples \\(0\\.0%\\)",
            ", " + kept + " of $1 source rows"));
        System.out.println("wrote " + out + "/selection.json and " + out + "/" + ArtifactWriter.KEPT + "/");
      }
      return 0;
    } finally {
      if (master != null) {
        spark.stop();
      }
    }
  }

  private TargetData target() {
    if (targetLogits != null && targetFeatures != null) {
      throw new InvalidInputException("give --target-logits (lm and its variants) or --target-features (fm), not"
          + " both");
    }
    if (method.equals("fm")) {
      if (targetFeatures == null) {
        throw new InvalidInputException("--method fm needs --target-features");
      }
      return TargetData.ofFeatures(Npy.readMatrix(targetFeatures, "target features"));
    }
    if (targetLogits == null && !method.equals("random-class")) {
      throw new InvalidInputException("--method " + method + " needs --target-logits");
    }
    TargetData.Builder b = TargetData.builder();
    if (targetLogits != null) {
      b.logits(Npy.readMatrix(targetLogits, "target logits"));
    }
    if (targetLabels != null) {
      b.labels(targetLabels);
    }
    return targetLogits == null && targetLabels == null ? TargetData.none() : b.build();
  }

  private SparkPruneBuilder builder(TargetData target) {
    SparkPruneBuilder b = SparkPruner.forTarget(target).scorer(method);
    if (rule.ratio != null) {
      b.ratio(rule.ratio);
    } else if (rule.keep != null) {
      b.keep(rule.keep);
    } else {
      b.share(rule.share);
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (clusters != null) {
      if (!method.equals("fm")) {
        throw new InvalidInputException("--clusters is for --method fm");
      }
      b.clusters(clusters);
    }
    if (blocks != null) {
      b.blocks(blocks);
    }
    if (noIdCheck) {
      b.checkUniqueIds(false);
    }
    try {
      b.engine(KMeansEngine.valueOf(engine.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--kmeans-engine must be dp4tl or mllib, got " + engine);
    }
    options.forEach(b::option);
    if (imageColumn != null && featuresColumn != null) {
      throw new InvalidInputException("give --features-col or --image-col (features computed by --surrogate), not"
          + " both");
    }
    if (surrogate != null) {
      if (imageColumn == null) {
        throw new InvalidInputException("--surrogate runs over an image column; name it with --image-col");
      }
      if (!method.equals("fm")) {
        throw new InvalidInputException("--surrogate is for --method fm (the target's logits stay local: give"
            + " --target-logits)");
      }
      b.surrogate(SparkSurrogate.onnx(surrogate, surrogateOptions));
    } else if (!surrogateOptions.isEmpty()) {
      throw new InvalidInputException("--surrogate-option without --surrogate");
    }
    return b;
  }

  private Dataset<Row> read(SparkSession spark) {
    try {
      return spark.read().parquet(source);
    } catch (Exception e) {
      // Spark's AnalysisException (no such path, not Parquet) is checked but not declared.
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new InvalidInputException("source " + source + ": " + oneLine(e.getMessage()), e);
    }
  }

  private static int report(Exception e, PrintWriter err) {
    Throwable t = Failures.unwrap(e);
    if (t instanceof InvalidInputException || t instanceof IllegalArgumentException
        || t instanceof IllegalStateException) {
      err.println("dp4tl spark-select: error: " + oneLine(t.getMessage()));
      return INVALID;
    }
    if (t instanceof Dp4tlException || t instanceof UncheckedIOException) {
      err.println("dp4tl spark-select: error: " + oneLine(t.getMessage()));
      return FAILURE;
    }
    err.println("dp4tl spark-select: internal error: " + oneLine(String.valueOf(t)));
    t.printStackTrace(err);
    return FAILURE;
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
