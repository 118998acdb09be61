package io.dp4tl.api;

/** What a selection ranks: whole classes, clusters (pseudo-classes) or single samples. */
public enum Level {
  /** Source classes given by labels; a class is kept or removed with all its samples. */
  CLASS,
  /** Groups of samples (k-means clusters or user-given groups), kept or removed whole. */
  CLUSTER,
  /** Individual samples (sample-level baselines). */
  SAMPLE
}
