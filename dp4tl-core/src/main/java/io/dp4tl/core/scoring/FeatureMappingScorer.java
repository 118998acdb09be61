package io.dp4tl.core.scoring;

import static io.dp4tl.api.spi.Evidence.FEATURES;
import static io.dp4tl.api.spi.Evidence.SOURCE_CLUSTERS;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Level;
import io.dp4tl.api.PruneOptions;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Accelerator.KMeansResult;
import io.dp4tl.api.spi.Accelerator;
import io.dp4tl.api.spi.GroupScores;
import io.dp4tl.api.spi.Scorer;
import io.dp4tl.api.spi.ScorerInfo;
import io.dp4tl.api.spi.ScorerOption;
import io.dp4tl.api.spi.ScoringRequest;
import io.dp4tl.core.cluster.GroupMeans;
import io.dp4tl.core.cluster.KMeans;
import io.dp4tl.core.scoring.internal.Evidence;
import io.dp4tl.core.scoring.internal.Grouping;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feature Mapping ({@code "fm"}): the source is split into groups, each group's centroid is the
 * mean of its source features (accumulated in double), and every target feature votes for its
 * nearest centroid (squared Euclidean distance, the lowest group winning a tie). Groups rank by
 * votes, descending, then by index.
 *
 * <p>Groups: k-means clusters, the source labels, or the user's groups; see {@link Grouping} for
 * which applies. k-means uses {@link KMeans} seeded with the request's seed and the options
 * {@code kmeans.maxIterations} (default {@value KMeans.Options#DEFAULT_MAX_ITERATIONS}) and
 * {@code kmeans.tolerance} (default {@value KMeans.Options#DEFAULT_TOLERANCE}). A group with no member
 * (possible with given groups or labels) has no centroid: no target votes for it and it ranks with
 * zero votes.
 *
 * <p>Evidence: source and target features, given or computed by the request's surrogate; their
 * widths must agree. Details: {@code grouping}, {@code targetAssignment} (the group of each target
 * row) and, for k-means, {@code kmeans.iterations} and {@code kmeans.inertia}.
 */
public final class FeatureMappingScorer implements Scorer {
  /** Option: the most Lloyd iterations of k-means. */
  public static final ScorerOption.Whole MAX_ITERATIONS = ScorerOption.whole("kmeans.maxIterations",
      KMeans.Options.DEFAULT_MAX_ITERATIONS, 0, "the most Lloyd iterations of k-means (with clusters(k))");
  /** Option: k-means stops when an iteration lowers the inertia by at most this fraction. */
  public static final ScorerOption.Decimal TOLERANCE = ScorerOption.decimal("kmeans.tolerance",
      KMeans.Options.DEFAULT_TOLERANCE, 0, false,
      "k-means stops when an iteration lowers the inertia by at most this fraction");

  @Override
  public String name() {
    return "fm";
  }

  @Override
  public String description() {
    return "Feature Mapping: source clusters ranked by the target features nearest to their centroids";
  }

  @Override
  public ScorerInfo info() {
    return ScorerInfo.of(Level.CLUSTER, EnumSet.of(FEATURES, SOURCE_CLUSTERS), MAX_ITERATIONS,
        TOLERANCE);
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidInputException if no grouping applies, features are missing or differ in width,
   *     k-means asks for more clusters than samples, a parameter is malformed, or a feature is not
   *     finite
   */
  @Override
  public GroupScores score(ScoringRequest request) {
    PruneOptions options = request.options();
    SourceData source = request.source();
    RunControl control = request.control();
    Grouping grouping = Grouping.of(options, source);
    KMeans.Options kmeans = grouping == Grouping.KMEANS ? kmeansOptions(options) : null;
    FloatMatrix sourceFeatures = Evidence.sourceFeatures(request);
    FloatMatrix targetFeatures = Evidence.targetFeatures(request);
    if (sourceFeatures.cols() != targetFeatures.cols()) {
      throw new InvalidInputException(sourceFeatures + " are " + sourceFeatures.cols() + "-d but " + targetFeatures
          + " are " + targetFeatures.cols() + "-d: both must come from the same feature extractor");
    }
    Accelerator accelerator = options.device().resolve();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("grouping", grouping.name().toLowerCase(java.util.Locale.ROOT));
    IntColumn groups;
    int groupCount;
    switch (grouping) {
      case KMEANS -> {
        KMeansResult result = KMeans.fit(sourceFeatures, kmeans, accelerator, control);
        groups = IntColumn.of(result.assignment());
        groupCount = kmeans.clusters();
        details.put("kmeans.iterations", result.iterations());
        details.put("kmeans.inertia", result.inertia());
      }
      case LABELS -> {
        IntColumn labels = source.labels().orElseThrow();
        groups = labels;
        groupCount = source.classCount().orElseGet(() -> labels.max() + 1);
      }
      default -> {
        groups = source.groups().orElseThrow();
        groupCount = groups.max() + 1;
      }
    }
    GroupMeans means = GroupMeans.of(sourceFeatures, groups, groupCount, options.threads(), control);
    int[] assignment = vote(means, targetFeatures, accelerator, options.threads(), control);
    double[] histogram = new double[groupCount];
    for (int g : assignment) {
      histogram[g]++;
    }
    details.put("targetAssignment", assignment);
    return GroupScores.ofGroups(grouping.level(), histogram, groups, histogram, details);
  }

  /** The group of each target row: its nearest centroid among the non-empty groups. */
  private static int[] vote(GroupMeans means, FloatMatrix target, Accelerator accelerator, int threads,
      RunControl control) {
    int d = target.cols();
    int[] groupOf = new int[means.groupCount()];
    int present = 0;
    for (int g = 0; g < means.groupCount(); g++) {
      if (!means.isEmpty(g)) {
        groupOf[present++] = g;
      }
    }
    float[] all = means.means();
    float[] centroids = new float[present * d];
    for (int i = 0; i < present; i++) {
      System.arraycopy(all, groupOf[i] * d, centroids, i * d, d);
    }
    int[] nearest = accelerator.nearest(target, centroids, present, threads, control);
    for (int i = 0; i < nearest.length; i++) {
      nearest[i] = groupOf[nearest[i]];
    }
    return nearest;
  }

  private static KMeans.Options kmeansOptions(PruneOptions options) {
    return new KMeans.Options(options.clusters(), options.param(MAX_ITERATIONS), options.param(TOLERANCE),
        options.seed(), options.threads());
  }
}
