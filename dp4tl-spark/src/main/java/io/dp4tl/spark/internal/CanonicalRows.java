package io.dp4tl.spark.internal;

import static org.apache.spark.sql.functions.col;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.spark.internal.SourceChecks.FeaturesKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The source's features in a layout that does not depend on how the source was partitioned: rows
 * are hash-partitioned by id into a fixed number of blocks ({@code Long.hashCode(id)} modulo the
 * block count) and sorted by id within each block. Every sum over the source is taken row by row in
 * that order within a block and block by block in block order, so results depend on the data and
 * the block count only, never on the input partitioning or the number of executors. One shuffle,
 * then cached (memory and disk) for the Lloyd passes. Rows are checked on the way: null id or
 * features, wrong width, NaN or infinity, and (when asked) repeated ids, each named by row id.
 */
public final class CanonicalRows implements AutoCloseable {
  private final JavaPairRDD<Long, FeatureRow> rows;
  private final long count;
  private final int d;

  private CanonicalRows(JavaPairRDD<Long, FeatureRow> rows, long count, int d) {
    this.rows = rows;
    this.count = count;
    this.d = d;
  }

  /**
   * Builds, checks and caches the layout (runs one job).
   *
   * @param d the width every row must have (the target's)
   * @param uniqueIds whether to refuse repeated ids (free here: equal ids are adjacent)
   * @throws InvalidInputException (possibly inside a {@code SparkException}) naming the first bad row found
   */
  public static CanonicalRows of(Dataset<Row> source, String id, String features, FeaturesKind kind, String groups,
      int blocks, int d, boolean uniqueIds) {
    Dataset<Row> selected = groups == null ? source.select(col(id), col(features))
        : source.select(col(id), col(features), col(groups));
    String featuresName = features;
    String groupsName = groups;
    return layout(selected.javaRDD().mapToPair(row -> toPair(row, featuresName, kind, groupsName, d)), id, blocks, d,
        uniqueIds);
  }

  /**
   * Builds, checks and caches the layout of features computed in the executors from an image
   * column (runs one job; the surrogate runs once per row, before the shuffle).
   *
   * @param inference the per-partition surrogate run over rows {@code (id, image[, group])}
   * @throws InvalidInputException (possibly inside a {@code SparkException}) naming the first bad row found
   */
  public static CanonicalRows ofImages(Dataset<Row> source, String id, String images, String groups,
      ExecutorInference inference, int blocks, int d, boolean uniqueIds) {
    Dataset<Row> selected = groups == null ? source.select(col(id), col(images))
        : source.select(col(id), col(images), col(groups));
    return layout(selected.javaRDD().mapPartitionsToPair(inference), id, blocks, d, uniqueIds);
  }

  private static CanonicalRows layout(JavaPairRDD<Long, FeatureRow> pairs, String id, int blocks, int d,
      boolean uniqueIds) {
    JavaPairRDD<Long, FeatureRow> rows = pairs.repartitionAndSortWithinPartitions(new HashPartitioner(blocks));
    if (uniqueIds) {
      String idName = id;
      rows = rows.mapPartitionsToPair(it -> refuseRepeats(it, idName), true);
    }
    rows = rows.persist(StorageLevel.MEMORY_AND_DISK());
    long n = rows.count();
    if (n == 0) {
      rows.unpersist(false);
      throw new InvalidInputException("the source has no rows");
    }
    return new CanonicalRows(rows, n, d);
  }

  private static Tuple2<Long, FeatureRow> toPair(Row row, String features, FeaturesKind kind, String groups, int d) {
    long id = id(row);
    float[] values = RowValues.of(row, 1, kind, "source", id, features);
    checkValues(id, values, d, "in column '" + features + "'");
    return new Tuple2<>(id, new FeatureRow(groups == null ? -1 : group(row, 2, id, groups), values));
  }

  /**
   * The row's id (its first field).
   *
   * @throws InvalidInputException if it is null
   */
  static long id(Row row) {
    if (row.isNullAt(0)) {
      throw new InvalidInputException("a source row has a null id; every row needs an id");
    }
    return ((Number) row.get(0)).longValue();
  }

  /**
   * The row's group, field {@code index}.
   *
   * @throws InvalidInputException if it is null, negative or too large (names the row id)
   */
  static int group(Row row, int index, long id, String groups) {
    if (row.isNullAt(index)) {
      throw new InvalidInputException("source row id=" + id + " has a null group in column '" + groups
          + "'; every row needs one");
    }
    long g = ((Number) row.get(index)).longValue();
    if (g < 0 || g >= Integer.MAX_VALUE) {
      throw new InvalidInputException("source row id=" + id + " has group " + g + " in column '" + groups
          + "'; groups must be in [0, " + Integer.MAX_VALUE + ")");
    }
    return (int) g;
  }

  /**
   * Checks a row's features: width {@code d}, every value finite.
   *
   * @param where where the features come from, for messages (e.g. {@code "in column 'features'"})
   * @throws InvalidInputException naming the row id
   */
  static void checkValues(long id, float[] values, int d, String where) {
    if (values.length != d) {
      throw new InvalidInputException("source row id=" + id + " has " + values.length + " features " + where
          + " but the target features are " + d + "-d; both must come from the same feature extractor");
    }
    for (int j = 0; j < d; j++) {
      if (!Float.isFinite(values[j])) {
        throw new InvalidInputException("source row id=" + id + " holds " + values[j] + " at feature " + j + " "
            + where + ": every value must be finite; fix or drop that row and retry");
      }
    }
  }

  private static Iterator<Tuple2<Long, FeatureRow>> refuseRepeats(Iterator<Tuple2<Long, FeatureRow>> it, String id) {
    return new Iterator<>() {
      private Long previous;

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Tuple2<Long, FeatureRow> next() {
        Tuple2<Long, FeatureRow> row = it.next();
        if (row._1().equals(previous)) {
          throw new InvalidInputException("source id " + row._1() + " appears more than once in column '" + id
              + "'; ids must be unique (or turn the check off if you guarantee it)");
        }
        previous = row._1();
        return row;
      }
    };
  }

  /** The rows, keyed by id, in the canonical layout. */
  public JavaPairRDD<Long, FeatureRow> rows() {
    return rows;
  }

  /** Number of source rows. */
  public long count() {
    return count;
  }

  /** Width of every row. */
  public int d() {
    return d;
  }

  /** Number of blocks (partitions) of the layout. */
  public int blocks() {
    return rows.getNumPartitions();
  }

  /** Drops the cached rows. */
  @Override
  public void close() {
    rows.unpersist(false);
  }

  /** The first {@code m} rows in (seeded hash of id, id) order, for initialisation and fingerprints. */
  public List<Tuple2<Long, FeatureRow>> sample(int m, long seed) {
    List<Tuple2<Long, FeatureRow>> out = new ArrayList<>(rows.takeOrdered(m, new SeededOrder<>(seed)));
    return out;
  }
}
