package io.dp4tl.core.accel.internal;

/** The scalar {@link BestTwoScan}: any Java, any CPU. */
public final class ScalarBestTwo implements BestTwoScan {

  @Override
  public void fold(float[] products, int m, int n, float[] norms, int first, float[] best, float[] second,
      int[] index, int row0) {
    foldRows(products, m, n, norms, first, best, second, index, row0, 0);
  }

  /** {@link #fold} restricted to the rows {@code [from, m)} of the GEMM's output. */
  public static void foldRows(float[] products, int m, int n, float[] norms, int first, float[] best,
      float[] second, int[] index, int row0, int from) {
    for (int c = 0; c < n; c++) {
      float norm = norms[first + c];
      int offset = c * m;
      for (int i = from; i < m; i++) {
        float v = products[offset + i] + norm;
        int r = row0 + i;
        if (v < second[r]) {
          if (v < best[r]) {
            second[r] = best[r];
            best[r] = v;
            index[r] = first + c;
          } else {
            second[r] = v;
          }
        }
      }
    }
  }

  @Override
  public String description() {
    return "scalar Java";
  }
}
