package io.dp4tl.api.spi;

/**
 * One kind of evidence a {@link Scorer} reads, as declared in its {@link ScorerInfo}. Logits and
 * features are given precomputed or computed by the surrogate from images; labels are given, or
 * taken from labelled images.
 */
public enum Evidence {
  /** The surrogate's logits over the target, one column per source class. */
  TARGET_LOGITS,
  /** Features of the target and of the source, from one feature extractor. */
  FEATURES,
  /** The class of every target sample. */
  TARGET_LABELS,
  /** The class of every source sample. */
  SOURCE_LABELS,
  /**
   * A grouping of the source into clusters: k-means ({@code clusters(k)}), the source's labels
   * ({@code groupByLabels()}) or groups given with the source. Only scorers declaring it accept
   * {@code clusters(k)} and {@code groupByLabels()}.
   */
  SOURCE_CLUSTERS,
  /** Features of the source alone (target-agnostic scorers such as Moderate-DS). */
  SOURCE_FEATURES,
  /** Logits over the source of R models trained on it ({@code TrainingSignals.logits}). */
  SOURCE_LOGITS,
  /** Penultimate source features of the same R runs ({@code TrainingSignals.features}). */
  SOURCE_RUN_FEATURES,
  /** Per-epoch correctness of every source sample in training ({@code TrainingSignals.correctness}). */
  SOURCE_CORRECTNESS
}
