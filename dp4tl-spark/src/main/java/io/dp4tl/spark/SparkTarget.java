package io.dp4tl.spark;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.core.io.HeapCheck;
import io.dp4tl.spark.internal.Failures;
import io.dp4tl.spark.internal.RowValues;
import io.dp4tl.spark.internal.SourceChecks;
import io.dp4tl.spark.internal.SourceChecks.FeaturesKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A target given as a {@code Dataset<Row>}, gathered to the driver (the target is small: its
 * training set, thousands of rows) as the {@link TargetData} that {@link SparkPruner#forTarget}
 * takes. Rows are taken in ascending order of a unique id column, so the target's row order (and
 * the {@code targetAssignment} of Feature Mapping) does not depend on the partitioning. Columns:
 * logits and features as {@code array<float>}, {@code array<double>} or an ML Vector (every row of
 * one width, finite values), labels as int32 or int64 ({@code >= 0}). At most {@link #MAX_VALUES}
 * floats are gathered, and only if the driver's heap can hold them; the count runs first, so a
 * source given by mistake is refused before it is read.
 *
 * <pre>{@code
 * TargetData target = SparkTarget.features(spark.read().parquet("target.parquet"), "id", "features");
 * SparkPruner.forTarget(target).featureMapping()...
 * }</pre>
 */
public final class SparkTarget {
  /** The most floats (rows x width, logits and features together) gathered: 2^27 (512 MiB). */
  public static final long MAX_VALUES = 1L << 27;

  private SparkTarget() {}

  /**
   * The target's logits (Label Mapping and its variants): one row per target sample, one column
   * per source class.
   *
   * @throws InvalidInputException as {@link #of}
   */
  public static TargetData logits(Dataset<Row> rows, String idColumn, String logitsColumn) {
    return of(rows, idColumn, requireNonNull(logitsColumn, "logitsColumn"), null, null);
  }

  /**
   * The target's features (Feature Mapping).
   *
   * @throws InvalidInputException as {@link #of}
   */
  public static TargetData features(Dataset<Row> rows, String idColumn, String featuresColumn) {
    return of(rows, idColumn, null, requireNonNull(featuresColumn, "featuresColumn"), null);
  }

  /**
   * The target's logits, features and labels, any of them absent ({@code null}) but not all.
   *
   * @throws InvalidInputException if a column is missing or of the wrong type, the Dataset has no
   *     rows or more than {@link #MAX_VALUES} values, an id repeats, or a value is null, of another
   *     width than the first row's, not finite, or (labels) negative; thrown before the values are
   *     gathered where the schema or the count tells
   * @throws io.dp4tl.api.Dp4tlException if the driver's heap cannot hold the values, or a Spark job
   *     fails for another reason
   */
  public static TargetData of(Dataset<Row> rows, String idColumn, String logitsColumn, String featuresColumn,
      String labelsColumn) {
    requireNonNull(rows, "rows");
    requireNonNull(idColumn, "idColumn");
    if (logitsColumn == null && featuresColumn == null && labelsColumn == null) {
      throw new IllegalArgumentException("name the target's logits, features or labels column");
    }
    try {
      return gather(rows, idColumn, logitsColumn, featuresColumn, labelsColumn);
    } catch (Exception e) { // Spark's exceptions are checked in Java's terms but not declared
      throw Failures.unwrap(e);
    }
  }

  private static TargetData gather(Dataset<Row> rows, String id, String logits, String features, String labels) {
    StructType schema = rows.schema();
    DataType idType = type(schema, id, "id");
    if (!idType.equals(DataTypes.LongType) && !idType.equals(DataTypes.IntegerType)) {
      throw new InvalidInputException("target column '" + id + "' (the id column) is " + idType.simpleString()
          + "; it must be int64 or int32");
    }
    FeaturesKind logitsKind = logits == null ? null : vectors(schema, logits, "logits");
    FeaturesKind featuresKind = features == null ? null : vectors(schema, features, "features");
    if (labels != null) {
      DataType t = type(schema, labels, "labels");
      if (!t.equals(DataTypes.LongType) && !t.equals(DataTypes.IntegerType)) {
        throw new InvalidInputException("target column '" + labels + "' (the labels column) is " + t.simpleString()
            + "; it must be int64 or int32");
      }
    }
    long n = rows.count();
    if (n == 0) {
      throw new InvalidInputException("the target has no rows");
    }
    if (n > MAX_VALUES) {
      throw new InvalidInputException("the target has " + n + " rows, more than the " + MAX_VALUES + " values"
          + " gathered to the driver; a target is the small side (its training set): is this the source?");
    }
    List<Column> columns = new ArrayList<>(List.of(col(id)));
    for (String c : new String[] {logits, features, labels}) {
      if (c != null) {
        columns.add(col(c));
      }
    }
    Iterator<Row> it = rows.select(columns.toArray(Column[]::new)).orderBy(col(id)).toLocalIterator();
    Vectors logitRows = logits == null ? null : new Vectors(logits, n);
    Vectors featureRows = features == null ? null : new Vectors(features, n);
    int[] labelValues = labels == null ? null : new int[(int) n];
    Long previous = null;
    int i = 0;
    while (it.hasNext()) {
      Row row = it.next();
      if (row.isNullAt(0)) {
        throw new InvalidInputException("a target row has a null id; every row needs an id");
      }
      long rowId = ((Number) row.get(0)).longValue();
      if (previous != null && previous == rowId) {
        throw new InvalidInputException("target id " + rowId + " appears more than once in column '" + id
            + "'; ids must be unique");
      }
      if (i >= n) {
        throw new InvalidInputException("the target changed while it was read (more than " + n + " rows)");
      }
      previous = rowId;
      int field = 1;
      String what = "target row id=" + rowId;
      if (logitRows != null) {
        logitRows.add(i, RowValues.of(row, field++, logitsKind, "target", rowId, logits), what, featureRows);
      }
      if (featureRows != null) {
        featureRows.add(i, RowValues.of(row, field++, featuresKind, "target", rowId, features), what, logitRows);
      }
      if (labelValues != null) {
        if (row.isNullAt(field)) {
          throw new InvalidInputException(what + " has a null label in column '" + labels + "'");
        }
        long label = ((Number) row.get(field)).longValue();
        if (label < 0 || label >= Integer.MAX_VALUE) {
          throw new InvalidInputException(what + " has label " + label + " in column '" + labels + "'; labels must be"
              + " in [0, " + Integer.MAX_VALUE + ")");
        }
        labelValues[i] = (int) label;
      }
      i++;
    }
    if (i != n) {
      throw new InvalidInputException("the target changed while it was read (" + i + " rows, counted " + n + ")");
    }
    TargetData.Builder b = TargetData.builder().name("spark target (" + String.join(", ",
        Arrays.stream(new String[] {logits, features, labels}).filter(c -> c != null).toList()) + ")");
    if (logitRows != null) {
      b.logits(logitRows.matrix());
    }
    if (featureRows != null) {
      b.features(featureRows.matrix());
    }
    if (labelValues != null) {
      b.labels(labelValues);
    }
    return b.build();
  }

  private static DataType type(StructType schema, String name, String role) {
    if (!Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new InvalidInputException("target has no column '" + name + "' for the " + role + " (columns: "
          + String.join(", ", schema.fieldNames()) + ")");
    }
    return schema.apply(name).dataType();
  }

  private static FeaturesKind vectors(StructType schema, String name, String role) {
    DataType t = type(schema, name, role);
    FeaturesKind kind = SourceChecks.kind(t);
    if (kind == null) {
      throw new InvalidInputException("target column '" + name + "' (the " + role + ") is " + t.simpleString()
          + "; it must be array<float>, array<double> or an ML Vector");
    }
    return kind;
  }

  /** Rows of one vector column, allocated when the first row gives the width. */
  private static final class Vectors {
    private final String column;
    private final long n;
    private float[] values;
    private int width;

    Vectors(String column, long n) {
      this.column = column;
      this.n = n;
    }

    void add(int row, float[] v, String what, Vectors other) {
      if (values == null) {
        width = v.length;
        long total = n * width + (other == null || other.values == null ? 0 : (long) other.values.length);
        if (width == 0) {
          throw new InvalidInputException(what + " has no values in column '" + column + "'");
        }
        if (total > MAX_VALUES) {
          throw new InvalidInputException("the target's " + n + " rows x " + width + " values in column '" + column
              + "' are more than the " + MAX_VALUES + " gathered to the driver; a target is the small side (its"
              + " training set): is this the source?");
        }
        HeapCheck.require(n * width * Float.BYTES, "the target's column '" + column + "' (" + n + " x " + width + ")");
        values = new float[(int) (n * width)];
      }
      if (v.length != width) {
        throw new InvalidInputException(what + " has " + v.length + " values in column '" + column + "' but the"
            + " first row has " + width + "; every row must have the same width");
      }
      for (int j = 0; j < width; j++) {
        if (!Float.isFinite(v[j])) {
          throw new InvalidInputException(what + " holds " + v[j] + " at position " + j + " in column '" + column
              + "': every value must be finite");
        }
      }
      System.arraycopy(v, 0, values, row * width, width);
    }

    FloatMatrix matrix() {
      return FloatMatrix.of(values, (int) n, width);
    }
  }
}
