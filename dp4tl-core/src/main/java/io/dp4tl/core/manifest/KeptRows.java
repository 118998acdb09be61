package io.dp4tl.core.manifest;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Where the kept samples of a selection live when they are rows of a distributed source rather
 * than indices in {@code kept-samples.npy}: a Parquet directory beside the manifest holding the
 * kept rows' id column (written by dp4tl-spark). Recorded in {@code selection.json} under
 * {@code keptSamples} as {@code {"file", "dtype": "int64", "count", "format": "parquet", "column"}}
 * (see {@code docs/manifest.md}).
 *
 * @param directory plain name of the Parquet directory inside the artifact directory
 * @param idColumn name of the id column in it
 * @param count number of kept rows
 */
public record KeptRows(String directory, String idColumn, int count) {
  /** The {@code format} recorded for the kept rows. */
  public static final String FORMAT = "parquet";

  /**
   * @throws IllegalArgumentException if the directory is not a plain name or the count is negative
   */
  public KeptRows {
    requireNonNull(directory, "directory");
    requireNonNull(idColumn, "idColumn");
    checkArgument(!directory.isEmpty() && !directory.contains("/") && !directory.contains("\\")
        && !directory.equals(".") && !directory.equals(".."), "directory must be a plain name, got \"%s\"", directory);
    checkArgument(count >= 0, "count must be >= 0, got %s", count);
  }
}
