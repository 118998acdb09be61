package io.dp4tl.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static org.apache.spark.sql.functions.col;

import com.google.common.base.Stopwatch;
import io.dp4tl.api.Device;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Level;
import io.dp4tl.api.PruneBuilder;
import io.dp4tl.api.PruneOptions;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Provenance;
import io.dp4tl.api.Selection;
import io.dp4tl.api.Version;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.ModelInfo;
import io.dp4tl.core.scoring.FeatureMappingScorer;
import io.dp4tl.spark.internal.CanonicalRows;
import io.dp4tl.spark.internal.ClusterPass;
import io.dp4tl.spark.internal.Cut;
import io.dp4tl.spark.internal.DistributedKMeans;
import io.dp4tl.spark.internal.ExecutorInference;
import io.dp4tl.spark.internal.Failures;
import io.dp4tl.spark.internal.MllibKMeans;
import io.dp4tl.spark.internal.SeededOrder;
import io.dp4tl.spark.internal.SourceChecks;
import io.dp4tl.spark.internal.SourceFingerprint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Collects the settings of one selection on Spark (as {@link PruneBuilder} does for one JVM) and
 * runs it with {@link #prune}. Every input check runs before anything is written; the result is the
 * same as dp4tl-core's on the same data (Label Mapping, LM-bottom, soft and coverage-aware LM,
 * random classes, Feature Mapping with given groups), or as dp4tl-core's algorithm distributed
 * (Feature Mapping with dp4tl's k-means). Not thread-safe; one builder per selection.
 */
public final class SparkPruneBuilder {
  /** Default number of blocks of the canonical feature layout (see {@link #blocks(int)}). */
  public static final int DEFAULT_BLOCKS = 64;

  private final TargetData target;
  private final String method;
  private KeepRule rule;
  private Long seed;
  private Integer threads;
  private Integer clusters;
  private KMeansEngine engine;
  private Integer blocks;
  private Boolean uniqueIds;
  private float[] initialCentroids;
  private SparkSurrogate surrogate;
  private final Map<String, String> params = new LinkedHashMap<>();

  SparkPruneBuilder(TargetData target, String method) {
    this.target = target;
    this.method = method;
  }

  /**
   * Prune by ratio r: keep {@code G - round(r G)} groups ({@link KeepRule#ratio}).
   *
   * @throws IllegalArgumentException if r is outside [0, 1)
   * @throws IllegalStateException if a keep rule is already set
   */
  public SparkPruneBuilder ratio(double r) {
    return rule(KeepRule.ratio(r));
  }

  /**
   * Keep exactly n groups.
   *
   * @throws IllegalArgumentException if n is below 1
   * @throws IllegalStateException if a keep rule is already set
   */
  public SparkPruneBuilder keep(int n) {
    return rule(KeepRule.count(n));
  }

  /**
   * Keep the smallest set of groups carrying share s of the evidence.
   *
   * @throws IllegalArgumentException if s is outside (0, 1]
   * @throws IllegalStateException if a keep rule is already set
   */
  public SparkPruneBuilder share(double s) {
    return rule(KeepRule.share(s));
  }

  private SparkPruneBuilder rule(KeepRule r) {
    checkState(rule == null, "a keep rule is already set (%s)", rule);
    rule = r;
    return this;
  }

  /**
   * Seed of every random choice (random classes, k-means initialisation).
   *
   * @throws IllegalStateException if set twice
   */
  public SparkPruneBuilder seed(long s) {
    checkState(seed == null, "seed is already set");
    seed = s;
    return this;
  }

  /**
   * Driver threads for the work on the driver (k-means++ on the sample, the target vote); never
   * changes the result.
   *
   * @throws IllegalArgumentException if n is below 1
   * @throws IllegalStateException if set twice
   */
  public SparkPruneBuilder threads(int n) {
    checkState(threads == null, "threads is already set");
    checkArgument(n >= 1, "threads must be >= 1, got %s", n);
    threads = n;
    return this;
  }

  /**
   * Feature Mapping: cluster the source features into k clusters (instead of given groups).
   *
   * @throws IllegalArgumentException if k is below 1
   * @throws IllegalStateException if set twice or the method is not fm
   */
  public SparkPruneBuilder clusters(int k) {
    checkState(clusters == null, "clusters is already set");
    checkState(method.equals("fm"), "clusters(k) is for fm, not %s", method);
    checkArgument(k >= 1, "clusters must be >= 1, got %s", k);
    clusters = k;
    return this;
  }

  /**
   * The k-means engine (default {@link KMeansEngine#DP4TL}).
   *
   * @throws IllegalStateException if set twice
   */
  public SparkPruneBuilder engine(KMeansEngine e) {
    checkState(engine == null, "engine is already set");
    engine = e;
    return this;
  }

  /**
   * Blocks of the canonical feature layout (default {@value #DEFAULT_BLOCKS}): the unit of
   * parallelism of Feature Mapping and of its fixed summation order. Results depend on it (in the
   * last float bits of the centroids), never on the input partitioning or the executors.
   *
   * @throws IllegalArgumentException if n is below 1
   * @throws IllegalStateException if set twice
   */
  public SparkPruneBuilder blocks(int n) {
    checkState(blocks == null, "blocks is already set");
    checkArgument(n >= 1, "blocks must be >= 1, got %s", n);
    blocks = n;
    return this;
  }

  /**
   * Whether to check that the ids are unique (default true; one shuffle of the id column, free
   * for Feature Mapping). Turn it off only when the source guarantees it.
   *
   * @throws IllegalStateException if set twice
   */
  public SparkPruneBuilder checkUniqueIds(boolean check) {
    checkState(uniqueIds == null, "checkUniqueIds is already set");
    uniqueIds = check;
    return this;
  }

  /**
   * Start dp4tl's k-means from these centroids instead of k-means++ ({@code k * d} floats,
   * row-major), e.g. to compare with dp4tl-core from the same start.
   *
   * @throws IllegalStateException if set twice
   */
  public SparkPruneBuilder initialCentroids(float[] centroids) {
    checkState(initialCentroids == null, "initialCentroids is already set");
    initialCentroids = centroids.clone();
    return this;
  }

  /**
   * Feature Mapping over an image column ({@link SparkSource#ofImages}): the surrogate that computes
   * the source's features in the executors (one ONNX Runtime session per executor JVM, from the
   * model bytes broadcast once). The target stays local: give its features.
   *
   * @throws IllegalStateException if set twice or the method is not fm
   */
  public SparkPruneBuilder surrogate(SparkSurrogate model) {
    checkState(surrogate == null, "surrogate is already set");
    checkState(method.equals("fm"), "surrogate(model) is for fm, not %s", method);
    surrogate = java.util.Objects.requireNonNull(model, "model");
    return this;
  }

  /**
   * A method parameter, as {@link PruneBuilder#option}: {@code kmeans.maxIterations},
   * {@code kmeans.tolerance}.
   *
   * @throws IllegalStateException if the key is already set
   */
  public SparkPruneBuilder option(String key, String value) {
    checkState(!params.containsKey(key), "option %s is already set", key);
    params.put(key, value);
    return this;
  }

  /**
   * Runs the selection.
   *
   * @throws IllegalStateException if no keep rule was set
   * @throws InvalidInputException if a column is missing or of the wrong type, a label, group or id
   *     is null, a label or group is negative, an id repeats, the target lacks the evidence the method
   *     needs, or the rule keeps no group; thrown before anything is written
   * @throws io.dp4tl.api.Dp4tlException if a Spark job fails for another reason
   */
  public SparkSelection prune(SparkSource source) {
    checkState(rule != null, "set ratio(r), keep(n) or share(s) before prune(source)");
    try {
      return method.equals("fm") ? featureMapping(source) : classes(source);
    } catch (Exception e) { // Spark's exceptions are checked in Java's terms but not declared
      throw Failures.unwrap(e);
    }
  }

  private long seed() {
    return seed == null ? 0L : seed;
  }

  private int threads() {
    return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
  }

  private boolean uniqueIds() {
    return uniqueIds == null || uniqueIds;
  }

  private SparkSelection classes(SparkSource source) {
    Stopwatch watch = Stopwatch.createStarted();
    Dataset<Row> rows = source.rows();
    String id = source.idColumn();
    String label = source.labels().orElseThrow(() -> new InvalidInputException(method
        + " ranks the source's classes, but no label column was named; name it (--label-col)"));
    SourceChecks.idColumn(rows.schema(), id);
    SourceChecks.integral(rows.schema(), label, "label", "--label-col");
    if (!method.equals("random-class") && target.logits().isEmpty()) {
      throw new InvalidInputException(method + " needs the target's logits (--target-logits)");
    }
    long[] stats = SourceChecks.nonNegative(rows, id, label, "label");
    long n = checkedCount(stats[0]);
    int classes;
    if (method.equals("random-class")) {
      classes = (int) stats[1] + 1;
    } else {
      classes = target.logits().orElseThrow().cols();
      if (stats[1] >= classes) {
        Row at = rows.where(col(label).geq(classes)).select(col(id), col(label)).first();
        throw new InvalidInputException("source row id=" + at.get(0) + " has label " + at.get(1) + " but the target"
            + " logits have " + classes + " columns (one per source class): the surrogate must score every source"
            + " class");
      }
    }
    if (uniqueIds()) {
      SourceChecks.uniqueIds(rows, id);
    }
    long checks = watch.elapsed(TimeUnit.MILLISECONDS);
    // The group-level facts come from dp4tl-core itself, over one stand-in sample per class: they
    // depend on the target and the number of classes only, so they are exactly the core's.
    SourceData standIn = SourceData.builder().name("spark source")
        .labels(IntStream.range(0, classes).toArray(), classes).build();
    PruneBuilder core = Pruner.forTarget(target).scorer(method).seed(seed()).threads(threads());
    params.forEach(core::option);
    Selection local = core.score(standIn).select(rule);
    List<Tuple2<Long, Long>> sample = rows.select(col(id).cast("long"), col(label).cast("long")).javaRDD()
        .mapToPair(r -> new Tuple2<>(r.getLong(0), r.getLong(1)))
        .takeOrdered(SourceFingerprint.SAMPLE, new SeededOrder<>(SourceFingerprint.SEED));
    String fingerprint = SourceFingerprint.ofInts(n, rows.select(col(id), col(label)).schema(), sample);
    Map<String, Long> timings = new LinkedHashMap<>();
    timings.put("checks", checks);
    timings.put("scoring", watch.elapsed(TimeUnit.MILLISECONDS) - checks);
    Selection selection = Cut.distributed(local, (int) n,
        provenance(rows.sparkSession(), "none", local.provenance().fingerprintAlgorithm(),
            local.provenance().fingerprints(), fingerprint, timings));
    Dataset<Row> kept = rows.where(col(label).isin(boxed(selection.keptGroups()))).select(col(id).cast("long").as(id));
    return new SparkSelection(selection, kept, () -> { });
  }

  private SparkSelection featureMapping(SparkSource source) {
    Stopwatch watch = Stopwatch.createStarted();
    Dataset<Row> rows = source.rows();
    String id = source.idColumn();
    String images = source.images().orElse(null);
    if (images != null && source.features().isPresent()) {
      throw new InvalidInputException("give --features-col or --image-col (features computed by --surrogate), not"
          + " both");
    }
    String features = images != null ? images : source.features().orElseThrow(() -> new InvalidInputException(
        "fm compares features, but no features column was named; name it (--features-col), or an image column"
            + " (--image-col) for a surrogate"));
    SourceChecks.idColumn(rows.schema(), id);
    SourceChecks.FeaturesKind kind = null;
    if (images != null) {
      SourceChecks.imageColumn(rows.schema(), images);
      if (surrogate == null) {
        throw new InvalidInputException("fm over the image column '" + images + "' needs a surrogate to compute"
            + " features in the executors (surrogate(model), --surrogate MODEL.onnx)");
      }
    } else {
      kind = SourceChecks.featuresColumn(rows.schema(), features);
      if (surrogate != null) {
        throw new InvalidInputException("a surrogate runs over an image column, but the source names the features"
            + " column '" + features + "'; drop the surrogate (--surrogate) or name an image column (--image-col)");
      }
    }
    FloatMatrix targetFeatures = target.features().orElseThrow(() -> new InvalidInputException(
        "fm needs the target's features (--target-features)"));
    String groups = clusters == null ? source.groups().orElse(null) : null;
    if (clusters == null && groups == null) {
      throw new InvalidInputException("feature mapping needs groups of source rows: set clusters(k) (--clusters) for"
          + " k-means on the source features, or name a group column (--source-groups-col)");
    }
    int groupCount = 0;
    if (groups != null) {
      SourceChecks.integral(rows.schema(), groups, "group", "--source-groups-col");
      groupCount = (int) SourceChecks.nonNegative(rows, id, groups, "group")[1] + 1;
    }
    int d = targetFeatures.cols();
    int blockCount = blocks == null ? DEFAULT_BLOCKS : blocks;
    ModelInfo model = null;
    long inferenceMillis = 0;
    CanonicalRows canonical;
    if (images != null) {
      model = surrogate.check(d);
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
      ExecutorInference inference = new ExecutorInference(sc.broadcast(surrogate.model()), surrogate.name(),
          model.fingerprint(), surrogate.options(), images, groups, d);
      long start = watch.elapsed(TimeUnit.MILLISECONDS);
      canonical = CanonicalRows.ofImages(rows, id, images, groups, inference, blockCount, d, uniqueIds());
      inferenceMillis = watch.elapsed(TimeUnit.MILLISECONDS) - start;
    } else {
      canonical = CanonicalRows.of(rows, id, features, kind, groups, blockCount, d, uniqueIds());
    }
    try {
      return featureMapping(rows, id, features, groups, groupCount, canonical, targetFeatures, model, inferenceMillis,
          watch);
    } catch (Exception e) { // Spark's exceptions are checked in Java's terms but not declared
      canonical.close();
      throw Failures.unwrap(e);
    }
  }

  /**
   * Feature Mapping over the checked layout.
   *
   * @param model the surrogate as loaded, or {@code null} when the source gave its features
   * @param inferenceMillis the time of the surrogate's pass in the executors (0 without one), not
   *     counted in the other timings
   */
  private SparkSelection featureMapping(Dataset<Row> rows, String id, String features, String groups, int groupCount,
      CanonicalRows canonical, FloatMatrix targetFeatures, ModelInfo model, long inferenceMillis, Stopwatch watch) {
    long n = checkedCount(canonical.count());
    int d = canonical.d();
    long checks = watch.elapsed(TimeUnit.MILLISECONDS) - inferenceMillis;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("grouping", groups != null ? "given" : "kmeans");
    ClusterPass.Result sums;
    float[] centroids = null;
    int k;
    if (groups != null) {
      k = groupCount;
      sums = ClusterPass.groups(canonical, groupCount);
    } else {
      k = clusters;
      if (k > n) {
        throw new InvalidInputException("k-means with " + k + " clusters needs at least " + k + " source rows, but"
            + " the source has " + n + "; ask for at most " + n + " clusters");
      }
      KMeansEngine e = engine == null ? KMeansEngine.DP4TL : engine;
      DistributedKMeans.Result fit;
      if (e == KMeansEngine.MLLIB) {
        fit = MllibKMeans.fit(rows.sparkSession(), canonical, k, seed(), maxIterations(), tolerance());
        k = fit.centroids().length / d;
      } else {
        float[] initial = initialCentroids != null ? checkedInitial(k, d)
            : DistributedKMeans.initialCentroids(canonical, k, seed(), threads());
        fit = DistributedKMeans.lloyd(canonical, initial, k, maxIterations(), tolerance());
      }
      centroids = fit.centroids();
      details.put("kmeans.engine", e.name().toLowerCase(Locale.ROOT));
      details.put("kmeans.iterations", fit.iterations());
      details.put("kmeans.inertia", fit.inertia());
      sums = fit.last() != null ? fit.last() : ClusterPass.nearest(canonical, centroids, k, true);
    }
    long clustering = watch.elapsed(TimeUnit.MILLISECONDS) - inferenceMillis - checks;
    int[] assignment = vote(sums, k, d, targetFeatures);
    double[] histogram = new double[k];
    for (int g : assignment) {
      histogram[g]++;
    }
    details.put("targetAssignment", assignment);
    details.put("spark.blocks", canonical.blocks());
    String fingerprint = SourceFingerprint.ofFeatures(n,
        (groups == null ? rows.select(col(id), col(features)) : rows.select(col(id), col(features), col(groups)))
            .schema(),
        canonical.sample(SourceFingerprint.SAMPLE, SourceFingerprint.SEED));
    Map<String, Long> timings = new LinkedHashMap<>();
    if (model != null) {
      timings.put("inference", inferenceMillis); // the surrogate in the executors, with the layout's shuffle
    }
    timings.put("checks", checks);
    timings.put("clustering", clustering);
    timings.put("scoring", watch.elapsed(TimeUnit.MILLISECONDS) - inferenceMillis - checks - clustering);
    Map<String, Object> options = new PruneOptions("fm", seed(), threads(), clusters, false, 64, Device.cpu(), params)
        .asMap();
    Selection selection = Cut.of("fm", Level.CLUSTER, options, rule, histogram, histogram, details, (int) n, seed(),
        provenance(rows.sparkSession(), model == null ? "none" : model.engine(), "sha256",
            fingerprints(targetFeatures, model), fingerprint, timings));
    Dataset<Row> kept;
    if (groups != null) {
      kept = rows.where(col(groups).isin(boxed(selection.keptGroups()))).select(col(id).cast("long").as(id));
    } else {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
      boolean[] mask = new boolean[k];
      for (int g : selection.keptGroups()) {
        mask[g] = true;
      }
      Broadcast<float[]> sharedCentroids = sc.broadcast(centroids);
      Broadcast<boolean[]> sharedMask = sc.broadcast(mask);
      kept = rows.sparkSession().createDataset(
          ClusterPass.keptIds(canonical, sharedCentroids, k, sharedMask).rdd(), Encoders.LONG()).toDF(id);
    }
    return new SparkSelection(selection, kept, canonical);
  }

  private static Map<String, String> fingerprints(FloatMatrix targetFeatures, ModelInfo model) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("target.features", targetFeatures.sha256());
    if (model != null) {
      out.put("model", model.fingerprint());
    }
    return out;
  }

  /** The nearest non-empty group of every target row (the core's vote over the group means). */
  private int[] vote(ClusterPass.Result sums, int k, int d, FloatMatrix targetFeatures) {
    int[] groupOf = new int[k];
    int present = 0;
    for (int g = 0; g < k; g++) {
      if (sums.counts()[g] > 0) {
        groupOf[present++] = g;
      }
    }
    float[] means = new float[present * d];
    for (int i = 0; i < present; i++) {
      int g = groupOf[i];
      for (int j = 0; j < d; j++) {
        means[i * d + j] = (float) (sums.sums()[g * d + j] / sums.counts()[g]);
      }
    }
    int[] nearest = Device.cpu().resolve().nearest(targetFeatures, means, present, threads(), RunControl.none());
    for (int i = 0; i < nearest.length; i++) {
      nearest[i] = groupOf[nearest[i]];
    }
    return nearest;
  }

  private float[] checkedInitial(int k, int d) {
    checkArgument(initialCentroids.length == (long) k * d, "initialCentroids hold %s floats, expected k * d = %s",
        initialCentroids.length, (long) k * d);
    return initialCentroids;
  }

  private int maxIterations() {
    return new PruneOptions("fm", 0, 1, null, false, 1, Device.cpu(), params)
        .param(FeatureMappingScorer.MAX_ITERATIONS);
  }

  private double tolerance() {
    return new PruneOptions("fm", 0, 1, null, false, 1, Device.cpu(), params)
        .param(FeatureMappingScorer.TOLERANCE);
  }

  private static long checkedCount(long n) {
    if (n > Integer.MAX_VALUE) {
      throw new InvalidInputException("the source has " + n + " rows; a selection counts at most "
          + Integer.MAX_VALUE + " (split the source)");
    }
    return n;
  }

  private static Object[] boxed(int[] values) {
    return IntStream.of(values).boxed().toArray();
  }

  private static Provenance provenance(SparkSession spark, String engine, String algorithm,
      Map<String, String> coreFingerprints, String source, Map<String, Long> timings) {
    Map<String, String> fingerprints = new LinkedHashMap<>();
    coreFingerprints.forEach((k, v) -> {
      if (!k.startsWith("source.")) {
        fingerprints.put(k, v);
      }
    });
    fingerprints.put("source.spark", source);
    return new Provenance(Version.get(), Instant.now().toString(), spark.sparkContext().defaultParallelism(),
        System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"), engine,
        "spark " + spark.sparkContext().master(), algorithm, fingerprints, timings);
  }
}
