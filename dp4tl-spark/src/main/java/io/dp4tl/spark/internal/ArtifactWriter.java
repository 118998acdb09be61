package io.dp4tl.spark.internal;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Selection;
import io.dp4tl.core.manifest.JsonSelectionCodec;
import io.dp4tl.core.manifest.KeptRows;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a selection made on Spark as a directory: {@code kept/} (Parquet, the kept rows' ids) and
 * {@code selection.json}, through Hadoop's FileSystem (local, HDFS, object stores). Everything is
 * written into a staging directory beside the target first ({@code .NAME.staging-UUID}) and the
 * staging directory is renamed into place last, so a failed job leaves no half-written Parquet
 * behind a manifest: the target is either absent, the earlier artifact (when overwriting), or
 * complete. (On object stores without atomic rename the final rename is a copy.)
 */
public final class ArtifactWriter {
  /** Name of the Parquet directory of kept ids. */
  public static final String KEPT = "kept";

  private ArtifactWriter() {}

  /**
   * Refuses an existing target unless overwriting; to be called before any job runs.
   *
   * @throws InvalidInputException if {@code dir} exists and {@code overwrite} is false
   * @throws UncheckedIOException if the file system cannot be asked
   */
  public static void checkTarget(SparkSession spark, String dir, boolean overwrite) {
    Path target = new Path(dir);
    try {
      FileSystem fs = target.getFileSystem(conf(spark));
      if (fs.exists(target) && !overwrite) {
        throw new InvalidInputException("output " + dir + " already exists; choose another directory, remove it,"
            + " or ask to overwrite it (write(dir, true); --overwrite of the spark-submit job)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check output " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the artifact.
   *
   * @param keptIds one column, the kept rows' ids
   * @return the number of kept rows written
   * @throws InvalidInputException if {@code dir} exists and {@code overwrite} is false
   * @throws UncheckedIOException if writing fails; the target is then as it was
   * @throws io.dp4tl.api.Dp4tlException if the Spark job writing the rows fails; the target is then as it was
   */
  public static long write(SparkSession spark, Selection selection, Dataset<Row> keptIds, String dir,
      boolean overwrite) {
    checkTarget(spark, dir, overwrite);
    Path target = new Path(dir);
    Configuration conf = conf(spark);
    FileSystem fs;
    Path staging;
    try {
      fs = target.getFileSystem(conf);
      target = fs.makeQualified(target);
      Path parent = target.getParent();
      fs.mkdirs(parent);
      staging = new Path(parent, "." + target.getName() + ".staging-" + UUID.randomUUID());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare output " + dir + ": " + e.getMessage(), e);
    }
    Path previous = null;
    try {
      Path kept = new Path(staging, KEPT);
      keptIds.write().parquet(kept.toString());
      long count = spark.read().parquet(kept.toString()).count();
      if (count > Integer.MAX_VALUE) {
        throw new InvalidInputException(count + " kept rows are more than a selection records (" + Integer.MAX_VALUE
            + ")");
      }
      byte[] manifest = JsonSelectionCodec.manifest(selection,
          new KeptRows(KEPT, keptIds.columns()[0], (int) count));
      // The raw file system of a local one: no .selection.json.crc beside the manifest.
      FileSystem raw = fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
      try (OutputStream out = raw.create(new Path(staging, JsonSelectionCodec.MANIFEST), false)) {
        out.write(manifest);
      }
      if (fs.exists(target)) {
        previous = new Path(target.getParent(), "." + target.getName() + ".previous-" + UUID.randomUUID());
        rename(fs, target, previous);
      }
      rename(fs, staging, target);
      if (previous != null) {
        fs.delete(previous, true);
      }
      return count;
    } catch (Exception e) { // Spark's exceptions are checked in Java's terms but not declared
      try {
        deleteAfterTasks(spark, fs, staging);
        if (previous != null && !fs.exists(target) && fs.exists(previous)) {
          rename(fs, previous, target);
        }
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot write the selection to " + dir + ": " + io.getMessage(), io);
      }
      throw Failures.unwrap(e);
    }
  }

  /**
   * Deletes the staging directory once no task runs any more: tasks of a failed write job may
   * still be finishing (and recreating their temporary directories) after the job has failed.
   */
  private static void deleteAfterTasks(SparkSession spark, FileSystem fs, Path staging) throws IOException {
    fs.delete(staging, true);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (running(spark) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    fs.delete(staging, true);
  }

  private static boolean running(SparkSession spark) {
    for (var executor : spark.sparkContext().statusTracker().getExecutorInfos()) {
      if (executor.numRunningTasks() > 0) {
        return true;
      }
    }
    return false;
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }

  private static Configuration conf(SparkSession spark) {
    return spark.sparkContext().hadoopConfiguration();
  }
}
