package io.dp4tl.spark.internal;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.dp4tl.api.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The checks of a Spark source that come before any output: columns present and of the right
 * type (schema only, no job), then nulls, label ranges and unique ids (small jobs).
 */
public final class SourceChecks {
  private SourceChecks() {}

  /** Kinds of features column. */
  public enum FeaturesKind {
    FLOAT_ARRAY,
    DOUBLE_ARRAY,
    VECTOR
  }

  /**
   * Checks the id column: present and int32 or int64.
   *
   * @throws InvalidInputException if not
   */
  public static void idColumn(StructType schema, String name) {
    integral(schema, name, "id", "--id-col");
  }

  /**
   * Checks an integer column (labels or groups): present and int32 or int64.
   *
   * @throws InvalidInputException if not
   */
  public static void integral(StructType schema, String name, String role, String option) {
    DataType type = field(schema, name, role, option).dataType();
    if (!type.equals(DataTypes.LongType) && !type.equals(DataTypes.IntegerType)) {
      throw new InvalidInputException("source column '" + name + "' (the " + role + " column) is "
          + type.simpleString() + "; it must be int64 or int32");
    }
  }

  /**
   * Checks the features column and says what it holds.
   *
   * @throws InvalidInputException if it is missing or not {@code array<float>}, {@code array<double>}
   *     or an ML Vector
   */
  public static FeaturesKind featuresColumn(StructType schema, String name) {
    DataType type = field(schema, name, "features", "--features-col").dataType();
    FeaturesKind kind = kind(type);
    if (kind != null) {
      return kind;
    }
    throw new InvalidInputException("source column '" + name + "' (the features column) is " + type.simpleString()
        + "; it must be array<float>, array<double> or an ML Vector");
  }

  /**
   * Checks the image column: present and binary (encoded image files, e.g. the {@code content}
   * column of Spark's {@code binaryFile} source).
   *
   * @throws InvalidInputException if not
   */
  public static void imageColumn(StructType schema, String name) {
    DataType type = field(schema, name, "image", "--image-col").dataType();
    if (!type.equals(DataTypes.BinaryType)) {
      throw new InvalidInputException("source column '" + name + "' (the image column) is " + type.simpleString()
          + "; it must be binary (encoded PNG, JPEG, BMP or GIF files)");
    }
  }

  /** What a column of this type holds as a vector, or null if it is not {@code array<float>}, {@code array<double>} or an ML Vector. */
  public static FeaturesKind kind(DataType type) {
    if (type instanceof ArrayType array && array.elementType().equals(DataTypes.FloatType)) {
      return FeaturesKind.FLOAT_ARRAY;
    }
    if (type instanceof ArrayType array && array.elementType().equals(DataTypes.DoubleType)) {
      return FeaturesKind.DOUBLE_ARRAY;
    }
    return type.equals(SQLDataTypes.VectorType()) ? FeaturesKind.VECTOR : null;
  }

  private static StructField field(StructType schema, String name, String role, String option) {
    List<String> names = Arrays.asList(schema.fieldNames());
    if (!names.contains(name)) {
      throw new InvalidInputException("source has no column '" + name + "' for the " + role + "s (columns: "
          + String.join(", ", names) + "); name the " + role + " column with " + option);
    }
    return schema.apply(name);
  }

  /**
   * Range of a label or group column, after refusing nulls and negative values; one job, and a
   * second one only to name the offending row.
   *
   * @return {@code {rows, max}}
   * @throws InvalidInputException if an id or value is null or a value is negative (names the row id)
   */
  public static long[] nonNegative(Dataset<Row> rows, String id, String column, String role) {
    Row stats = rows.agg(count(lit(1)), count(col(id)), count(col(column)), min(col(column)), max(col(column)))
        .first();
    long n = stats.getLong(0);
    if (stats.getLong(1) < n) {
      throw new InvalidInputException("source column '" + id + "' (the id column) holds " + (n - stats.getLong(1))
          + " null ids; every row needs an id");
    }
    if (stats.getLong(2) < n) {
      Object at = rows.where(col(column).isNull()).select(col(id)).first().get(0);
      throw new InvalidInputException("source row id=" + at + " has a null " + role + " in column '" + column
          + "'; every row needs one (" + (n - stats.getLong(2)) + " rows have none)");
    }
    if (n == 0) {
      throw new InvalidInputException("the source has no rows");
    }
    long low = ((Number) stats.get(3)).longValue();
    long high = ((Number) stats.get(4)).longValue();
    if (low < 0) {
      Row at = rows.where(col(column).lt(0)).select(col(id), col(column)).first();
      throw new InvalidInputException("source row id=" + at.get(0) + " has " + role + " " + at.get(1) + " in column '"
          + column + "'; " + role + "s must be >= 0");
    }
    if (high >= Integer.MAX_VALUE) {
      throw new InvalidInputException("source column '" + column + "' holds " + role + " " + high
          + "; " + role + "s must be below " + Integer.MAX_VALUE);
    }
    return new long[] {n, high};
  }

  /**
   * Refuses a repeated id (one shuffle of the id column).
   *
   * @throws InvalidInputException naming one repeated id
   */
  public static void uniqueIds(Dataset<Row> rows, String id) {
    List<Row> repeated = rows.groupBy(col(id)).count().where(col("count").gt(1)).limit(1).collectAsList();
    if (!repeated.isEmpty()) {
      throw new InvalidInputException("source id " + repeated.get(0).get(0) + " appears " + repeated.get(0).getLong(1)
          + " times in column '" + id + "'; ids must be unique (or turn the check off if you guarantee it)");
    }
  }
}
