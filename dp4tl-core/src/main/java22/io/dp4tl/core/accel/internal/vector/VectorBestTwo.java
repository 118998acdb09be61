package io.dp4tl.core.accel.internal.vector;

import io.dp4tl.core.accel.internal.BestTwoScan;
import io.dp4tl.core.accel.internal.ScalarBestTwo;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BestTwoScan} on the Vector API (Java 22+ started with {@code --add-modules
 * jdk.incubator.vector}), found by name. Each lane is one row, so the scan needs no reduction
 * across lanes: per centroid, two comparisons and three blends per vector of rows, the same
 * decisions as {@link ScalarBestTwo} lane by lane (blends, not {@code min}/{@code max}, so NaN and
 * signed zeros behave as the scalar comparisons do). Rows past the last full vector go to the scalar
 * scan.
 */
public final class VectorBestTwo implements BestTwoScan {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());

  @Override
  public void fold(float[] products, int m, int n, float[] norms, int first, float[] best, float[] second,
      int[] index, int row0) {
    int full = FLOATS.loopBound(m);
    for (int c = 0; c < n; c++) {
      FloatVector norm = FloatVector.broadcast(FLOATS, norms[first + c]);
      IntVector centroid = IntVector.broadcast(INTS, first + c);
      int offset = c * m;
      for (int i = 0; i < full; i += FLOATS.length()) {
        int r = row0 + i;
        FloatVector v = FloatVector.fromArray(FLOATS, products, offset + i).add(norm);
        FloatVector b = FloatVector.fromArray(FLOATS, best, r);
        FloatVector s = FloatVector.fromArray(FLOATS, second, r);
        VectorMask<Float> belowBest = v.compare(VectorOperators.LT, b);
        VectorMask<Float> belowSecond = v.compare(VectorOperators.LT, s);
        s.blend(v, belowSecond).blend(b, belowBest).intoArray(second, r);
        b.blend(v, belowBest).intoArray(best, r);
        IntVector.fromArray(INTS, index, r).blend(centroid, belowBest.cast(INTS)).intoArray(index, r);
      }
    }
    if (full < m) {
      ScalarBestTwo.foldRows(products, m, n, norms, first, best, second, index, row0, full);
    }
  }

  @Override
  public String description() {
    return FLOATS.vectorBitSize() + "-bit float vectors (" + FLOATS.length() + " rows per step)";
  }
}
