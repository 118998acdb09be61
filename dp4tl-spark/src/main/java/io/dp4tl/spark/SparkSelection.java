package io.dp4tl.spark;

import io.dp4tl.api.Selection;
import io.dp4tl.spark.internal.ArtifactWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A selection made on Spark: the group-level {@link Selection} (method, histogram, scores, ranking,
 * kept groups, source sample count, details, provenance) and the kept rows' ids as a lazy
 * {@code Dataset} (one column, the source's id column as int64), never gathered on the driver. The
 * selection's {@link Selection#keptSamples()} is therefore empty: on Spark the kept samples are
 * {@link #kept()}. Close it to drop the cached features of Feature Mapping.
 */
public final class SparkSelection implements AutoCloseable {
  private final Selection selection;
  private final Dataset<Row> kept;
  private final AutoCloseable cache;

  SparkSelection(Selection selection, Dataset<Row> kept, AutoCloseable cache) {
    this.selection = selection;
    this.kept = kept;
    this.cache = cache;
  }

  /** The group-level selection (its kept sample indices are empty; see {@link #kept()}). */
  public Selection selection() {
    return selection;
  }

  /** The kept rows' ids, one int64 column named as the source's id column. */
  public Dataset<Row> kept() {
    return kept;
  }

  /** Counts the kept rows (a Spark job). */
  public long keptSampleCount() {
    return kept.count();
  }

  /**
   * Writes {@code dir/selection.json} (the schema of {@code dp4tl select}, {@code keptSamples}
   * referring to {@code kept/}) and {@code dir/kept/} (Parquet), atomically: see
   * {@code docs/manifest.md}.
   *
   * @param dir a local path or any Hadoop file system URI
   * @param overwrite whether an existing {@code dir} may be replaced
   * @return the number of kept rows written
   * @throws io.dp4tl.api.InvalidInputException if {@code dir} exists and {@code overwrite} is false
   * @throws java.io.UncheckedIOException if writing fails; {@code dir} is then as it was
   * @throws io.dp4tl.api.Dp4tlException if the Spark job writing the rows fails; {@code dir} is then as it was
   */
  public long write(String dir, boolean overwrite) {
    return ArtifactWriter.write(kept.sparkSession(), selection, kept, dir, overwrite);
  }

  /** Drops cached data (the features of Feature Mapping); {@link #kept()} is not usable afterwards. */
  @Override
  public void close() {
    try {
      cache.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot drop the cached features: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return selection.toString().replaceFirst(", 0 of (\\d+) source samples \\(0\\.0%\\)",
        ", kept rows in a Dataset of $1 source samples");
  }
}
