package io.dp4tl.spark;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The source of a selection on Spark: a {@code Dataset<Row>} with a unique id column (int64 or
 * int32) and, depending on the method, a label column (Label Mapping, random classes, LM-bottom:
 * int32 or int64, no nulls, {@code >= 0}), a features column (Feature Mapping: {@code array<float>},
 * {@code array<double>} or an ML {@code Vector}) and optionally a group column (Feature Mapping with
 * given groups), or an image column instead of the features (Feature Mapping with a
 * {@link SparkSurrogate} run in the executors: {@code binary}, encoded image files). Only these
 * columns are read; the rest of the row stays where it is.
 *
 * @param rows the source rows
 * @param idColumn name of the id column
 * @param labelColumn name of the label column, or {@code null}
 * @param featuresColumn name of the features column, or {@code null}
 * @param groupsColumn name of the group column, or {@code null}
 * @param imageColumn name of the image column, or {@code null}
 */
public record SparkSource(Dataset<Row> rows, String idColumn, String labelColumn, String featuresColumn,
    String groupsColumn, String imageColumn) {

  public SparkSource {
    requireNonNull(rows, "rows");
    requireNonNull(idColumn, "idColumn");
  }

  /** A labelled source, for the class-level methods. */
  public static SparkSource ofLabels(Dataset<Row> rows, String idColumn, String labelColumn) {
    return new SparkSource(rows, idColumn, requireNonNull(labelColumn, "labelColumn"), null, null, null);
  }

  /** A source of feature vectors, for Feature Mapping. */
  public static SparkSource ofFeatures(Dataset<Row> rows, String idColumn, String featuresColumn) {
    return new SparkSource(rows, idColumn, null, requireNonNull(featuresColumn, "featuresColumn"), null, null);
  }

  /**
   * A source of images (encoded files in a {@code binary} column), for Feature Mapping with a
   * surrogate run in the executors ({@link SparkPruneBuilder#surrogate}).
   */
  public static SparkSource ofImages(Dataset<Row> rows, String idColumn, String imageColumn) {
    return new SparkSource(rows, idColumn, null, null, null, requireNonNull(imageColumn, "imageColumn"));
  }

  /** This source with the given groups of Feature Mapping in {@code column}. */
  public SparkSource withGroups(String column) {
    return new SparkSource(rows, idColumn, labelColumn, featuresColumn, requireNonNull(column, "column"),
        imageColumn);
  }

  /** The label column, if any. */
  public Optional<String> labels() {
    return Optional.ofNullable(labelColumn);
  }

  /** The features column, if any. */
  public Optional<String> features() {
    return Optional.ofNullable(featuresColumn);
  }

  /** The group column, if any. */
  public Optional<String> groups() {
    return Optional.ofNullable(groupsColumn);
  }

  /** The image column, if any. */
  public Optional<String> images() {
    return Optional.ofNullable(imageColumn);
  }
}
