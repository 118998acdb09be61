package io.dp4tl.api;

/** What a selection ranks: whole classes, clusters (pseudo-classes) or single samples. */
public enum Level {
  /** Source classes given by labels; a class is kept or removed with all its samples. */
  CLASS,
  /** Groups of samples (k-means clusters or user-given groups), kept or removed whole. */
  CLUSTER,
  /** Individual samples (sample-level baselines). */
  SAMPLE;

  /** The ranked units in plain words: {@code "classes"}, {@code "clusters"} or {@code "samples"}. */
  public String units() {
    return switch (this) {
      case CLASS -> "classes";
      case CLUSTER -> "clusters";
      case SAMPLE -> "samples";
    };
  }
}
