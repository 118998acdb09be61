package io.dp4tl.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The test JVM's Spark: local[2], no UI, few shuffle partitions, loopback only. */
final class LocalSpark {
  private LocalSpark() {}

  static SparkSession start() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("dp4tl-spark tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  /** Rows (id = index, label) in {@code partitions} partitions. */
  static Dataset<Row> labels(SparkSession spark, int[] labels, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      rows.add(RowFactory.create((long) i, labels[i]));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType).add("label", DataTypes.IntegerType);
    return spark.createDataFrame(rows, schema).repartition(partitions);
  }

  /** Rows (id = index, features array<float>, group) in {@code partitions} partitions. */
  static Dataset<Row> features(SparkSession spark, float[] x, int n, int d, int[] groups, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Float[] f = new Float[d];
      for (int j = 0; j < d; j++) {
        f[j] = x[i * d + j];
      }
      rows.add(RowFactory.create((long) i, java.util.Arrays.asList(f), groups == null ? 0 : groups[i]));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType)
        .add("features", DataTypes.createArrayType(DataTypes.FloatType))
        .add("group", DataTypes.IntegerType);
    return spark.createDataFrame(rows, schema).repartition(partitions);
  }

  /** The ids in a Parquet directory, ascending. */
  static int[] ids(SparkSession spark, java.nio.file.Path parquet) {
    return spark.read().parquet(parquet.toString()).collectAsList().stream().mapToLong(r -> r.getLong(0)).sorted()
        .mapToInt(v -> (int) v).toArray();
  }

  /** The kept ids, ascending. */
  static int[] keptIds(SparkSelection s) {
    return s.kept().collectAsList().stream().mapToLong(r -> r.getLong(0)).sorted().mapToInt(v -> (int) v).toArray();
  }
}
