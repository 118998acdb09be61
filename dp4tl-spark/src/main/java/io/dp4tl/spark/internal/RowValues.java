package io.dp4tl.spark.internal;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.spark.internal.SourceChecks.FeaturesKind;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/** Reads a vector column's value ({@code array<float>}, {@code array<double>} or an ML Vector) as floats. */
public final class RowValues {
  private RowValues() {}

  /**
   * The floats in field {@code index} of a row.
   *
   * @param row the row
   * @param index the field
   * @param kind what the column holds
   * @param side {@code "source"} or {@code "target"}, for messages
   * @param id the row's id, for messages
   * @param column the column's name, for messages
   * @throws InvalidInputException if the value or an element is null (names the row, e.g.
   *     {@code "source row id=5"})
   */
  public static float[] of(Row row, int index, FeaturesKind kind, String side, long id, String column) {
    if (row.isNullAt(index)) {
      throw new InvalidInputException(side + " row id=" + id + " has no features (null) in column '" + column + "'");
    }
    return switch (kind) {
      case FLOAT_ARRAY, DOUBLE_ARRAY -> floats(row.getList(index), side, id, column);
      case VECTOR -> floats(((Vector) row.get(index)).toArray());
    };
  }

  private static float[] floats(List<?> list, String side, long id, String column) {
    float[] values = new float[list.size()];
    for (int j = 0; j < values.length; j++) {
      Object v = list.get(j);
      if (v == null) {
        throw new InvalidInputException(side + " row id=" + id + " has a null at feature " + j + " in column '"
            + column + "'");
      }
      values[j] = ((Number) v).floatValue();
    }
    return values;
  }

  private static float[] floats(double[] values) {
    float[] out = new float[values.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = (float) values[j];
    }
    return out;
  }
}
