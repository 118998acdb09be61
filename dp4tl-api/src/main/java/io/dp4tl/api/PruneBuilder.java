package io.dp4tl.api;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Stopwatch;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.api.progress.Cancellation;
import io.dp4tl.api.progress.ProgressListener;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Fingerprinter;
import io.dp4tl.api.spi.GroupScores;
import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.api.spi.Evidence;
import io.dp4tl.api.spi.Registry;
import io.dp4tl.api.spi.Scorer;
import io.dp4tl.api.spi.ScorerInfo;
import io.dp4tl.api.spi.ScoringRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Collects the settings of one pruning run, then runs it. Each setting may be made once;
 * incompatible pairs ({@code ratio} with {@code keep}, {@code clusters} with
 * {@code groupByLabels}) are refused as soon as the second is made. What depends on the scorer
 * (its options, whether it clusters the source) is checked against its {@link ScorerInfo} when
 * the run starts, before any work. Not thread-safe; not reusable across threads.
 */
public final class PruneBuilder {
  private final List<TargetData> targets;
  private double[] weights;
  private final String method;
  private ModelBackend surrogate;
  private KeepRule rule;
  private Long seed;
  private Integer threads;
  private Integer clusters;
  private boolean groupByLabels;
  private Integer batchSize;
  private Device device;
  private final Map<String, String> params = new LinkedHashMap<>();
  private ProgressListener progress;
  private Cancellation cancellation;

  PruneBuilder(List<TargetData> targets, String method) {
    this.targets = targets;
    this.method = method;
  }

  /**
   * The surrogate model run over the target (and, for Feature Mapping, the source) when their
   * outputs were not given precomputed.
   *
   * @throws IllegalStateException if set twice
   */
  public PruneBuilder surrogate(ModelBackend model) {
    checkState(surrogate == null, "surrogate is already set");
    surrogate = requireNonNull(model, "model");
    return this;
  }

  /**
   * Relative weight of each target of {@link Pruner#forTargets} (default: equal).
   *
   * @throws IllegalArgumentException if the count differs from the number of targets, or a weight
   *     is negative, not finite, or all are zero
   * @throws IllegalStateException if set twice
   */
  public PruneBuilder targetWeights(double... w) {
    checkState(weights == null, "targetWeights is already set");
    checkArgument(w.length == targets.size(), "%s weights for %s targets", w.length, targets.size());
    double sum = 0;
    for (double x : w) {
      checkArgument(Double.isFinite(x) && x >= 0, "target weights must be finite and >= 0, got %s", x);
      sum += x;
    }
    checkArgument(sum > 0, "at least one target weight must be positive");
    weights = w.clone();
    return this;
  }

  /**
   * Prune this fraction of the groups: keep {@code N = G - round(r * G)}.
   *
   * @throws IllegalArgumentException if r is outside [0, 1)
   * @throws IllegalStateException if ratio, keep or share is already set
   */
  public PruneBuilder ratio(double r) {
    checkState(rule == null, "%s is already set; ratio(r), keep(n) and share(s) exclude each other", rule);
    rule = KeepRule.ratio(r);
    return this;
  }

  /**
   * Keep exactly this many groups.
   *
   * @throws IllegalArgumentException if n is below 1
   * @throws IllegalStateException if ratio, keep or share is already set
   */
  public PruneBuilder keep(int n) {
    checkState(rule == null, "%s is already set; ratio(r), keep(n) and share(s) exclude each other", rule);
    rule = KeepRule.count(n);
    return this;
  }

  /**
   * Keep the smallest set of top-ranked groups that carries this share of the evidence mass (the
   * histogram, e.g. LM votes or soft-LM probability mass): the "automatic ratio". The manifest
   * records the mass curve under {@code details.massCurve}.
   *
   * @throws IllegalArgumentException if s is outside (0, 1]
   * @throws IllegalStateException if ratio, keep or share is already set
   */
  public PruneBuilder share(double s) {
    checkState(rule == null, "%s is already set; ratio(r), keep(n) and share(s) exclude each other", rule);
    rule = KeepRule.share(s);
    return this;
  }

  /**
   * Keep by this rule: the same as {@link #ratio}, {@link #keep} or {@link #share}.
   *
   * @throws IllegalStateException if ratio, keep or share is already set
   */
  public PruneBuilder rule(KeepRule keepRule) {
    checkState(rule == null, "%s is already set; ratio(r), keep(n) and share(s) exclude each other", rule);
    rule = requireNonNull(keepRule, "keepRule");
    return this;
  }

  /** Seed of every random choice (default 0). @throws IllegalStateException if set twice */
  public PruneBuilder seed(long seed) {
    checkState(this.seed == null, "seed is already set");
    this.seed = seed;
    return this;
  }

  /**
   * Worker threads (default: available processors, at most {@value PruneOptions#MAX_THREADS});
   * results do not depend on it.
   *
   * @throws IllegalArgumentException if n is below 1 or above {@value PruneOptions#MAX_THREADS}
   * @throws IllegalStateException if set twice
   */
  public PruneBuilder threads(int n) {
    checkState(threads == null, "threads is already set");
    checkArgument(n >= 1 && n <= PruneOptions.MAX_THREADS, "threads must be in [1, %s], got %s",
        PruneOptions.MAX_THREADS, n);
    threads = n;
    return this;
  }

  /**
   * Group the source into k k-means clusters of its features (Feature Mapping, or any scorer
   * whose {@link ScorerInfo} reads {@link Evidence#SOURCE_CLUSTERS}).
   *
   * @throws IllegalArgumentException if k is below 1
   * @throws IllegalStateException if set twice or with groupByLabels
   */
  public PruneBuilder clusters(int k) {
    checkState(clusters == null, "clusters is already set");
    checkState(!groupByLabels, "clusters(k) and groupByLabels() exclude each other");
    checkArgument(k >= 1, "clusters must be >= 1, got %s", k);
    clusters = k;
    return this;
  }

  /**
   * Group the source by its labels instead of clustering (Feature Mapping, or any scorer whose
   * {@link ScorerInfo} reads {@link Evidence#SOURCE_CLUSTERS}).
   *
   * @throws IllegalStateException if set twice or with clusters
   */
  public PruneBuilder groupByLabels() {
    checkState(!groupByLabels, "groupByLabels() is already set");
    checkState(clusters == null, "clusters(k) and groupByLabels() exclude each other");
    groupByLabels = true;
    return this;
  }

  /**
   * Samples per surrogate batch (default 64).
   *
   * @throws IllegalArgumentException if n is below 1
   * @throws IllegalStateException if set twice
   */
  public PruneBuilder batchSize(int n) {
    checkState(batchSize == null, "batchSize is already set");
    checkArgument(n >= 1, "batchSize must be >= 1, got %s", n);
    batchSize = n;
    return this;
  }

  /**
   * Where numeric kernels (argmax histograms, k-means, nearest centroids) run (default CPU).
   *
   * @throws IllegalStateException if set twice
   */
  public PruneBuilder device(Device d) {
    checkState(device == null, "device is already set");
    device = requireNonNull(d, "device");
    return this;
  }

  /**
   * A scorer option, e.g. {@code option("kmeans.maxIterations", "50")}; the scorer's
   * {@link ScorerInfo#options()} say which it accepts. Checked when the run starts.
   *
   * @throws IllegalStateException if this key is already set
   */
  public PruneBuilder option(String key, String value) {
    checkState(!params.containsKey(key), "option %s is already set", key);
    params.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
    return this;
  }

  /** Where progress goes (default: nowhere). @throws IllegalStateException if set twice */
  public PruneBuilder progress(ProgressListener listener) {
    checkState(progress == null, "progress is already set");
    progress = requireNonNull(listener, "listener");
    return this;
  }

  /** A signal that stops the run at its next check. @throws IllegalStateException if set twice */
  public PruneBuilder cancellation(Cancellation signal) {
    checkState(cancellation == null, "cancellation is already set");
    cancellation = requireNonNull(signal, "signal");
    return this;
  }

  /**
   * Scores the source's groups once; cut any number of selections from the result with
   * {@link Scoring#select}.
   *
   * @throws IllegalStateException if ratio, keep or share was set: score() would ignore it
   * @throws InvalidInputException if the scorer is unknown, an option or setting does not apply
   *     to it, or the data is malformed
   * @throws ModelException if the surrogate fails
   * @throws CancelledException if cancelled
   */
  public Scoring score(SourceData source) {
    checkState(rule == null, "%s is set, but score(source) does not select: call prune(source), or select(KeepRule.%s)"
        + " on the Scoring", rule, rule == null ? "" : ruleCall());
    return run(source);
  }

  private String ruleCall() {
    if (rule instanceof KeepRule.Ratio r) {
      return "ratio(" + r.ratio() + ")";
    }
    return rule instanceof KeepRule.Count c ? "count(" + c.count() + ")"
        : "share(" + ((KeepRule.Share) rule).share() + ")";
  }

  private Scoring run(SourceData source) {
    requireNonNull(source, "source");
    Scorer scorer = Registry.scorers().find(method);
    ScorerInfo info = scorer.info();
    if ((clusters != null || groupByLabels) && !info.needs(Evidence.SOURCE_CLUSTERS)) {
      throw new InvalidInputException((clusters != null ? "clusters(k)" : "groupByLabels()") + " does not apply to "
          + method + ", which ranks the source's " + info.level().units()
          + "; it applies to scorers that cluster the source, such as feature mapping (fm)");
    }
    info.check(method, params);
    PruneOptions options = new PruneOptions(
        method,
        seed == null ? 0L : seed,
        threads == null ? Math.min(Runtime.getRuntime().availableProcessors(), PruneOptions.MAX_THREADS) : threads,
        clusters,
        groupByLabels,
        batchSize == null ? 64 : batchSize,
        device == null ? Device.cpu() : device,
        params);
    RunControl control = new RunControl(
        progress == null ? ProgressListener.NONE : progress,
        cancellation == null ? Cancellation.create() : cancellation);
    Stopwatch watch = Stopwatch.createStarted();
    GroupScores scores;
    Fingerprinter fingerprinter = Fingerprints.fingerprinter();
    Map<String, String> fingerprints = new LinkedHashMap<>();
    if (targets.size() == 1) {
      scores = scorer.score(new ScoringRequest(targets.get(0), source, surrogate, options, control));
      fingerprints.putAll(Fingerprints.of(fingerprinter, targets.get(0), options.threads()));
    } else {
      List<GroupScores> each = new ArrayList<>();
      for (int t = 0; t < targets.size(); t++) {
        each.add(scorer.score(new ScoringRequest(targets.get(t), source, surrogate, options, control)));
        String prefix = "targets[" + t + "].";
        Fingerprints.of(fingerprinter, targets.get(t), options.threads())
            .forEach((k, v) -> fingerprints.put(prefix + k.substring("target.".length()), v));
      }
      scores = MultiTarget.combine(each, targets, weights);
    }
    fingerprints.putAll(Fingerprints.of(fingerprinter, source, surrogate, options.threads()));
    Map<String, Long> timings = new LinkedHashMap<>();
    timings.put("scoring", watch.elapsed(TimeUnit.MILLISECONDS));
    String engine = surrogate == null ? "none" : surrogate.info().engine();
    // Without a surrogate, the device is where the numeric kernels ran: the resolved accelerator.
    String device = surrogate != null ? surrogate.info().device()
        : Registry.accelerators().all().isEmpty() ? options.device().kind() : options.device().resolve().name();
    return new Scoring(options, scores, fingerprinter.algorithm(), fingerprints, timings, engine, device);
  }

  /**
   * Scores and selects in one go.
   *
   * @throws IllegalStateException if neither ratio, keep nor share was set
   * @throws InvalidInputException if the scorer is unknown, an option or setting does not apply
   *     to it, the data is malformed or the rule keeps no group
   * @throws ModelException if the surrogate fails
   * @throws CancelledException if cancelled
   */
  public Selection prune(SourceData source) {
    checkState(rule != null, "set ratio(r), keep(n) or share(s) before prune(source)");
    return run(source).select(rule);
  }

  /** The settings made so far, and what to call next. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("PruneBuilder[").append(method).append(" for ")
        .append(targets.size() == 1 ? "target '" + targets.get(0).name() + "'" : targets.size() + " targets")
        .append(", ").append(rule == null ? "no keep rule yet" : rule);
    if (seed != null) {
      s.append(", seed ").append(seed);
    }
    if (threads != null) {
      s.append(", threads ").append(threads);
    }
    if (clusters != null) {
      s.append(", clusters ").append(clusters);
    }
    if (groupByLabels) {
      s.append(", grouped by labels");
    }
    if (device != null) {
      s.append(", device ").append(device.kind());
    }
    if (surrogate != null) {
      s.append(", surrogate ").append(surrogate.info().engine());
    }
    if (!params.isEmpty()) {
      s.append(", options ").append(params);
    }
    return s.append("] -> ").append(rule == null ? "ratio(r), keep(n) or share(s), then prune(source); or score(source)"
        : "prune(source)").toString();
  }
}
