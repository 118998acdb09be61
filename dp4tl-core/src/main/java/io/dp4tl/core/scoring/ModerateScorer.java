package io.dp4tl.core.scoring;

import io.dp4tl.api.Level;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.spi.Evidence;
import io.dp4tl.api.spi.ScorerInfo;
import io.dp4tl.api.spi.ScorerOption;
import java.util.EnumSet;
import java.util.List;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.spi.GroupScores;
import io.dp4tl.api.spi.Scorer;
import io.dp4tl.api.spi.ScoringRequest;
import io.dp4tl.core.scoring.internal.MedianDistances;
import io.dp4tl.core.scoring.internal.MiddleBand;
import io.dp4tl.core.scoring.internal.SampleEvidence;
import java.util.Map;

/**
 * Moderate-DS ({@code "moderate"}, Xia et al. 2023), a sample-level baseline that ignores the
 * target: the distance of each source sample's feature to the coordinate-wise median of its
 * class's features; samples of moderate distance are kept (the middle band of the distance order,
 * neither the easiest nor the hardest).
 *
 * <p>Option {@code moderate.scope}: {@code global} (default, as Moderate-DS's own code) orders all
 * samples by {@code (distance, index)} and keeps sorted positions {@code lo .. lo + N - 1},
 * {@code lo = floor((n - N) / 2)}; {@code class} (the reference's data-wise variant) does the same
 * within each class with its own {@code N_c} ({@link io.dp4tl.api.StratifiedKeep}), so a ratio may
 * keep a few more or fewer samples in all than {@code n - round(r * n)}. The recorded score of a
 * sample is its centrality, {@code n - (the smallest N whose band holds it)} (n, N of its class
 * for {@code class}), which ranks every band first.
 *
 * <p>Evidence: the source features (n x d) and labels.
 */
public final class ModerateScorer implements Scorer {
  /** Option: the scope of the middle band, {@code global} or {@code class}. */
  public static final ScorerOption.Choice SCOPE = ScorerOption.choice("moderate.scope", "global",
      List.of("global", "class"), "global: one middle band over all samples; class: each class's own middle band");

  @Override
  public String name() {
    return "moderate";
  }

  @Override
  public String description() {
    return "Moderate-DS (sample baseline): keep the middle band of distances to the class median;"
        + " option moderate.scope=global|class";
  }

  @Override
  public ScorerInfo info() {
    return ScorerInfo.of(Level.SAMPLE, EnumSet.of(Evidence.SOURCE_FEATURES, Evidence.SOURCE_LABELS), SCOPE);
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidInputException if the source has no features or labels, or a feature is not
   *     finite (names the array and row)
   */
  @Override
  public GroupScores score(ScoringRequest request) {
    String scope = request.options().param(SCOPE);
    SourceData source = request.source();
    FloatMatrix features = source.features().orElseThrow(() -> new InvalidInputException("moderate needs the"
        + " features of every source sample (SourceData features; dp4tl select: --source-features F.npy)"));
    int classes = source.classCount().orElseGet(() -> source.labels().map(l -> l.max() + 1).orElse(0));
    IntColumn labels = SampleEvidence.labels(source, name(), classes, "the source");
    double[] distances = MedianDistances.of(features, labels, classes, request.options().threads(), request.control());
    Map<String, Object> details = Map.of("scope", scope);
    return scope.equals("global")
        ? GroupScores.ofSamples(MiddleBand.scores(distances), details)
        : GroupScores.ofStratifiedSamples(MiddleBand.scoresPerClass(distances, labels, classes), labels.toArray(),
            details);
  }
}
