package io.dp4tl.core.scoring.internal;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Level;
import io.dp4tl.api.PruneOptions;
import io.dp4tl.api.data.SourceData;

/**
 * How Feature Mapping groups the source (dp4tl rule):
 *
 * <ol>
 *   <li>{@code clusters(k)} set: k-means with k clusters on the source features
 *       ({@link Level#CLUSTER}), even when the source also has groups;
 *   <li>{@code groupByLabels()} set: the source labels ({@link Level#CLASS}); the source must have
 *       labels;
 *   <li>neither set, source groups given: those groups ({@link Level#CLUSTER});
 *   <li>neither set, no groups: refused, naming the three ways to group.
 * </ol>
 *
 * Source labels alone never imply grouping by label: that is asked for explicitly.
 */
public enum Grouping {
  /** k-means on the source features. */
  KMEANS(Level.CLUSTER),
  /** The source's class labels. */
  LABELS(Level.CLASS),
  /** The user's groups ({@link SourceData#groups()}). */
  GIVEN(Level.CLUSTER);

  private final Level level;

  Grouping(Level level) {
    this.level = level;
  }

  /** The level a selection grouped this way ranks. */
  public Level level() {
    return level;
  }

  /**
   * The grouping these options and this source call for.
   *
   * @throws InvalidInputException if labels are asked for but missing, or no grouping is possible
   */
  public static Grouping of(PruneOptions options, SourceData source) {
    if (options.clusters() != null) {
      return KMEANS;
    }
    if (options.groupByLabels()) {
      if (source.labels().isEmpty()) {
        throw new InvalidInputException("groupByLabels() needs source labels, but source '" + source.name()
            + "' has none: give SourceData labels, or use clusters(k) to cluster the source features");
      }
      return LABELS;
    }
    if (source.groups().isPresent()) {
      return GIVEN;
    }
    throw new InvalidInputException("feature mapping needs groups of source samples, but source '" + source.name()
        + "' has no groups: set clusters(k) for k-means on the source features, groupByLabels() to group by the"
        + " source labels, or give SourceData groups");
  }
}
