package io.dp4tl.core.accel.internal;

/**
 * The exact nearest centroid (squared Euclidean distance, lowest index on ties) for blocks of rows.
 * Two implementations give identical answers: {@link GemmNearest} through the system's BLAS where
 * {@link NativeBlas} has one, else {@link NearestKernel} in Java. Immutable and shared between
 * threads; each thread brings its own {@link #scratch()}.
 */
public interface NearestSearch {

  /** Per-thread working memory of one search. */
  interface Scratch {}

  /** The search over {@code k} centroids of width {@code d} ({@code k * d} floats, row-major, finite). */
  static NearestSearch of(float[] centroids, int k, int d) {
    return NativeBlas.sgemm()
        .<NearestSearch>map(blas -> new GemmNearest(blas, BestTwoScan.fastest(), centroids, k, d))
        .orElseGet(() -> new NearestKernel(centroids, k, d));
  }

  /** Number of centroids. */
  int k();

  /** Width of the rows and centroids. */
  int d();

  /** Working memory for {@link #assign}. */
  Scratch scratch();

  /**
   * Assigns each of {@code count} rows (row-major in {@code x} from 0, width {@link #d()}, at most
   * {@link Lloyd#BLOCK_ROWS}) to its nearest centroid.
   *
   * @param rowNorms the rows' squared norms (from {@link RowChecks#squaredNorms}), all finite
   * @param out receives the centroid index of row r at {@code out[outOffset + r]}
   * @param scratch from {@link #scratch()} of this search
   */
  void assign(float[] x, int count, double[] rowNorms, int[] out, int outOffset, Scratch scratch);

  /** Exact squared distance, in double, between the row at {@code offset} of {@code x} and centroid c. */
  double exactDistance(float[] x, int offset, int c);
}
