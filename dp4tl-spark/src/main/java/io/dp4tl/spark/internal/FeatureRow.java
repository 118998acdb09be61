package io.dp4tl.spark.internal;

import java.io.Serializable;

/**
 * One source row as Feature Mapping needs it on the executors.
 *
 * @param group the given group, or -1 when clustering
 * @param values the features
 */
public record FeatureRow(int group, float[] values) implements Serializable {
  private static final long serialVersionUID = 1L;
}
