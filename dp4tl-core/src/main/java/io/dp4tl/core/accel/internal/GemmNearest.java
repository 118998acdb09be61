package io.dp4tl.core.accel.internal;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * Nearest centroid through a BLAS {@link Sgemm}: for a block of rows and a tile of up to
 * {@value #TILE} centroids one GEMM gives {@code -2 c.x} (centroid-major, so a vector of lanes holds
 * one centroid's products with consecutive rows), and a {@link BestTwoScan} over it adds
 * {@code ||c||^2} and keeps each row's best and second-best approximate distance (the row's own norm
 * does not change the argmin).
 *
 * <p>Near ties are decided exactly as in {@link NearestKernel}: when the best and second-best
 * approximate distances lie within a bound of the float rounding error (which holds for any order
 * of summation, so for any BLAS kernel), the row's approximate distances to all centroids are
 * computed again and those within the bound of the smallest are compared in double. The answer is
 * the exact argmin, lowest index on ties, identical to {@link NearestKernel}'s whatever the BLAS.
 */
public final class GemmNearest implements NearestSearch {
  /** Most centroids per GEMM. */
  public static final int TILE = 1024;
  /** Most rows per GEMM: its output stays small (512 KiB at the full tile) and in cache for the scan. */
  public static final int ROWS = 256;

  private final Sgemm blas;
  private final BestTwoScan scan;
  private final int k;
  private final int d;
  private final int tile;
  private final float[] centroids;
  private final float[] norms;
  private final double maxNorm;
  private final double errorScale;

  /**
   * @param centroids {@code k * d} floats, row-major, all finite
   * @throws IllegalArgumentException if the sizes disagree or a centroid is not finite
   */
  public GemmNearest(Sgemm blas, BestTwoScan scan, float[] centroids, int k, int d) {
    CentroidNorms checked = CentroidNorms.of(centroids, k, d);
    this.blas = blas;
    this.scan = scan;
    this.k = k;
    this.d = d;
    this.tile = Math.min(TILE, k);
    this.centroids = centroids.clone();
    this.norms = new float[k];
    for (int c = 0; c < k; c++) {
      norms[c] = (float) checked.squared()[c];
    }
    this.maxNorm = checked.max();
    this.errorScale = NearTies.errorScale(d);
  }

  @Override
  public int k() {
    return k;
  }

  @Override
  public int d() {
    return d;
  }

  @Override
  public Scratch scratch() {
    return new Buffers(Lloyd.BLOCK_ROWS, ROWS, tile, k);
  }

  @Override
  public void assign(float[] x, int count, double[] rowNorms, int[] out, int outOffset, Scratch scratch) {
    checkArgument(count <= Lloyd.BLOCK_ROWS, "%s rows exceed a block of %s", count, Lloyd.BLOCK_ROWS);
    Buffers s = (Buffers) scratch;
    Arrays.fill(s.best, 0, count, Float.POSITIVE_INFINITY);
    Arrays.fill(s.second, 0, count, Float.POSITIVE_INFINITY);
    Arrays.fill(s.index, 0, count, -1);
    for (int r0 = 0; r0 < count; r0 += ROWS) {
      int m = Math.min(ROWS, count - r0);
      for (int first = 0; first < k; first += tile) {
        int n = Math.min(tile, k - first);
        blas.multiplyTransposed(n, m, d, -2f, centroids, first * d, x, r0 * d, s.products);
        scan.fold(s.products, m, n, norms, first, s.best, s.second, s.index, r0);
      }
    }
    for (int r = 0; r < count; r++) {
      double margin = errorScale * (rowNorms[r] + maxNorm);
      int best = s.index[r];
      boolean decided = best >= 0 && (double) s.second[r] - s.best[r] > margin;
      out[outOffset + r] = decided ? best : nearTie(x, r * d, margin, s);
    }
  }

  /**
   * Recomputes the row's approximate distance to every centroid, then compares exact distances of
   * those within {@code margin} of the smallest; lowest index on ties.
   */
  private int nearTie(float[] x, int offset, double margin, Buffers s) {
    for (int first = 0; first < k; first += tile) {
      int n = Math.min(tile, k - first);
      blas.multiplyTransposed(1, n, d, -2f, x, offset, centroids, first * d, s.products);
      for (int c = 0; c < n; c++) {
        s.all[first + c] = s.products[c] + norms[first + c];
      }
    }
    return NearTies.closest(s.all, k, margin, c -> exactDistance(x, offset, c));
  }

  @Override
  public double exactDistance(float[] x, int offset, int c) {
    return Distances.squared(x, offset, centroids, c * d, d);
  }

  /** Per-thread buffers: one GEMM's output and each row's best two. */
  private static final class Buffers implements Scratch {
    final float[] products;
    final float[] best;
    final float[] second;
    final int[] index;
    final float[] all;

    Buffers(int rows, int gemmRows, int tile, int k) {
      products = new float[gemmRows * tile];
      best = new float[rows];
      second = new float[rows];
      index = new int[rows];
      all = new float[k];
    }
  }
}
