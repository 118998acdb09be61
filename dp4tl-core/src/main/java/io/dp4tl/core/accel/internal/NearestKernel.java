package io.dp4tl.core.accel.internal;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * Nearest centroid by squared Euclidean distance for blocks of rows, computed GEMM-style as
 * {@code ||c||^2 - 2 x.c} (the row's own norm does not change the argmin): 4 rows at a time
 * against a tile of up to {@value #MAX_TILE} centroids stored transposed and pre-scaled by -2, one
 * array per dimension, so that the innermost loop runs over contiguous centroids with no offset and
 * the JIT vectorises it.
 *
 * <p>Float rounding can reorder centroids whose distances are nearly equal. Whenever the best and
 * second-best approximate distances of a row lie within a bound of the rounding error, the row is
 * decided again with exact double-precision distances {@code sum_j (x_j - c_j)^2}, the lowest
 * index winning a tie. The result is therefore the exact argmin whatever the tiling, and true
 * ties go to the first centroid.
 *
 * <p>The Java kernel of {@link NearestSearch}, used where no BLAS is loaded. Immutable after
 * construction and safe to share between threads; each thread brings its own {@link #scratch()}.
 */
public final class NearestKernel implements NearestSearch {
  /** Most centroids per tile. */
  public static final int MAX_TILE = 512;
  private static final int ROWS = 4;

  private final int k;
  private final int d;
  private final int tile;
  private final int tiles;
  private final float[] centroids;
  /** packed[t * d + j][c] = -2 * centroid[t * tile + c][j], zero past k. */
  private final float[][] packed;
  /** norms[t][c] = squared norm of centroid t * tile + c, +infinity past k. */
  private final float[][] norms;
  private final double errorScale;
  private final double maxNorm;

  /**
   * @param centroids {@code k * d} floats, row-major, all finite
   * @throws IllegalArgumentException if the sizes disagree or a centroid is not finite
   */
  public NearestKernel(float[] centroids, int k, int d) {
    CentroidNorms checked = CentroidNorms.of(centroids, k, d);
    this.k = k;
    this.d = d;
    this.tile = Math.min(MAX_TILE, (k + 7) / 8 * 8);
    this.tiles = (k + tile - 1) / tile;
    this.centroids = centroids.clone();
    this.packed = new float[tiles * d][tile];
    this.norms = new float[tiles][tile];
    for (float[] n : norms) {
      Arrays.fill(n, Float.POSITIVE_INFINITY);
    }
    for (int c = 0; c < k; c++) {
      int t = c / tile;
      int lane = c % tile;
      for (int j = 0; j < d; j++) {
        packed[t * d + j][lane] = -2f * centroids[c * d + j];
      }
      norms[t][lane] = (float) checked.squared()[c];
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

  /**
   * Per-thread working memory for {@link #assign}: {@code ROWS} tile-wide accumulators, then one
   * row of every centroid's approximate distance for deciding near ties, and each row's best two.
   */
  @Override
  public Scratch scratch() {
    float[][] rows = new float[ROWS + 1][];
    for (int i = 0; i < ROWS; i++) {
      rows[i] = new float[tile];
    }
    rows[ROWS] = new float[tiles * tile];
    return new Accumulators(rows, new float[Lloyd.BLOCK_ROWS], new float[Lloyd.BLOCK_ROWS],
        new int[Lloyd.BLOCK_ROWS]);
  }

  /** Per-thread accumulators and, per row of a block, the best two distances and the best's index. */
  private record Accumulators(float[][] rows, float[] best, float[] second, int[] index) implements Scratch {}

  @Override
  public void assign(float[] x, int count, double[] rowNorms, int[] out, int outOffset, Scratch buffers) {
    checkArgument(count <= Lloyd.BLOCK_ROWS, "%s rows exceed a block of %s", count, Lloyd.BLOCK_ROWS);
    Accumulators acc = (Accumulators) buffers;
    float[][] scratch = acc.rows();
    float[] best = acc.best();
    float[] second = acc.second();
    int[] index = acc.index();
    Arrays.fill(best, 0, count, Float.POSITIVE_INFINITY);
    Arrays.fill(second, 0, count, Float.POSITIVE_INFINITY);
    Arrays.fill(index, 0, count, -1);
    // Tile-outer order: one tile of centroids stays in cache while all rows of the block pass.
    for (int t = 0; t < tiles; t++) {
      float[] tileNorms = norms[t];
      for (int r0 = 0; r0 < count; r0 += ROWS) {
        int rows = Math.min(ROWS, count - r0);
        dotTile(x, r0, rows, t, scratch);
        for (int i = 0; i < rows; i++) {
          int r = r0 + i;
          float[] dist = scratch[i];
          addNorms(dist, tileNorms);
          float low = min(dist);
          if (low < second[r]) {
            int at = indexOf(dist, low);
            dist[at] = Float.POSITIVE_INFINITY;
            float next = min(dist);
            if (low < best[r]) {
              second[r] = Math.min(best[r], next);
              best[r] = low;
              index[r] = t * tile + at;
            } else {
              second[r] = low;
            }
          }
        }
      }
    }
    for (int r = 0; r < count; r++) {
      double margin = errorScale * (rowNorms[r] + maxNorm);
      boolean clear = index[r] >= 0 && (k == 1 || (double) second[r] - (double) best[r] > margin);
      out[outOffset + r] = clear ? index[r] : nearTie(x, r * d, margin, scratch[ROWS]);
    }
  }

  private static void addNorms(float[] dist, float[] tileNorms) {
    for (int c = 0; c < dist.length; c++) {
      dist[c] += tileNorms[c];
    }
  }

  private static float min(float[] values) {
    float m = Float.POSITIVE_INFINITY;
    for (float v : values) {
      m = Math.min(m, v);
    }
    return m;
  }

  private static int indexOf(float[] values, float v) {
    int i = 0;
    while (values[i] != v) {
      i++;
    }
    return i;
  }

  /** scratch[i][c] = -2 x_{r0+i} . centroid_{t * tile + c} for i < rows (rows past count repeat row r0). */
  private void dotTile(float[] x, int r0, int rows, int t, float[][] acc) {
    float[] c0 = acc[0];
    float[] c1 = acc[1];
    float[] c2 = acc[2];
    float[] c3 = acc[3];
    Arrays.fill(c0, 0f);
    Arrays.fill(c1, 0f);
    Arrays.fill(c2, 0f);
    Arrays.fill(c3, 0f);
    int o0 = r0 * d;
    int o1 = rows > 1 ? o0 + d : o0;
    int o2 = rows > 2 ? o0 + 2 * d : o0;
    int o3 = rows > 3 ? o0 + 3 * d : o0;
    int base = t * d;
    int n = tile;
    int j = 0;
    for (; j + 3 < d; j += 4) {
      float a0 = x[o0 + j];
      float a1 = x[o1 + j];
      float a2 = x[o2 + j];
      float a3 = x[o3 + j];
      float b0 = x[o0 + j + 1];
      float b1 = x[o1 + j + 1];
      float b2 = x[o2 + j + 1];
      float b3 = x[o3 + j + 1];
      float e0 = x[o0 + j + 2];
      float e1 = x[o1 + j + 2];
      float e2 = x[o2 + j + 2];
      float e3 = x[o3 + j + 2];
      float f0 = x[o0 + j + 3];
      float f1 = x[o1 + j + 3];
      float f2 = x[o2 + j + 3];
      float f3 = x[o3 + j + 3];
      float[] u = packed[base + j];
      float[] v = packed[base + j + 1];
      float[] w = packed[base + j + 2];
      float[] z = packed[base + j + 3];
      for (int c = 0; c < n; c++) {
        float p = u[c];
        float q = v[c];
        float r = w[c];
        float s = z[c];
        c0[c] = Math.fma(f0, s, Math.fma(e0, r, Math.fma(b0, q, Math.fma(a0, p, c0[c]))));
        c1[c] = Math.fma(f1, s, Math.fma(e1, r, Math.fma(b1, q, Math.fma(a1, p, c1[c]))));
        c2[c] = Math.fma(f2, s, Math.fma(e2, r, Math.fma(b2, q, Math.fma(a2, p, c2[c]))));
        c3[c] = Math.fma(f3, s, Math.fma(e3, r, Math.fma(b3, q, Math.fma(a3, p, c3[c]))));
      }
    }
    for (; j < d; j++) {
      float a0 = x[o0 + j];
      float a1 = x[o1 + j];
      float a2 = x[o2 + j];
      float a3 = x[o3 + j];
      float[] u = packed[base + j];
      for (int c = 0; c < n; c++) {
        float p = u[c];
        c0[c] = Math.fma(a0, p, c0[c]);
        c1[c] = Math.fma(a1, p, c1[c]);
        c2[c] = Math.fma(a2, p, c2[c]);
        c3[c] = Math.fma(a3, p, c3[c]);
      }
    }
  }

  /**
   * Decides a near tie: recomputes the row's approximate distance to every centroid, then compares
   * exact distances of those within {@code margin} of the smallest (a set that contains the exact
   * argmin, since the margin bounds twice the rounding error); lowest index on ties.
   */
  private int nearTie(float[] x, int offset, double margin, float[] all) {
    Arrays.fill(all, 0f);
    for (int t = 0; t < tiles; t++) {
      int base = t * d;
      int at = t * tile;
      for (int j = 0; j < d; j++) {
        float a = x[offset + j];
        float[] u = packed[base + j];
        for (int c = 0; c < tile; c++) {
          all[at + c] = Math.fma(a, u[c], all[at + c]);
        }
      }
      float[] tileNorms = norms[t];
      for (int c = 0; c < tile; c++) {
        all[at + c] += tileNorms[c];
      }
    }
    return NearTies.closest(all, k, margin, c -> exactDistance(x, offset, c));
  }

  @Override
  public double exactDistance(float[] x, int offset, int c) {
    return Distances.squared(x, offset, centroids, c * d, d);
  }
}
