package io.dp4tl.gpu.internal.compute;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.gpu.internal.cuda.Cublas;
import io.dp4tl.gpu.internal.cuda.Driver;
import java.lang.foreign.MemorySegment;

/**
 * Nearest-centroid assignment of every row of a matrix on the GPU, chunk by chunk, alternating
 * between two streams so that the host's copy of one chunk into page-locked memory and its upload
 * overlap the other chunk's GEMM and kernels. Optionally also sums the rows of each cluster for
 * the next Lloyd update, deterministically: rows are counting-sorted by cluster (stable), summed
 * in double in fixed segments, and the segments added in order.
 *
 * <p>The rows either stay on the device for the whole call (when they fit, for Lloyd's repeated
 * passes) or are streamed from the host on every pass. All memory belongs to the caller's
 * {@link DeviceScope}.
 */
final class Assigner implements AutoCloseable {
  /** Rows per tile of the counting sort (one block of 1024 threads). */
  static final int TILE = 1024;
  /** Rows per segment sum. */
  static final int SEGMENT = 256;
  /** Threads per block of the warp-per-row kernels (8 rows per block). */
  private static final int ROW_BLOCK = 256;
  private static final int ROWS_PER_BLOCK = ROW_BLOCK / 32;
  private static final int NO_ROW = Integer.MAX_VALUE;
  /** Largest dots buffer per stream, in floats (256 MiB). */
  private static final long DOTS_FLOATS = 1L << 26;
  /** Largest row chunk per stream, in floats (512 MiB). */
  private static final long CHUNK_FLOATS = 1L << 27;
  private static final int MAX_CHUNK_ROWS = 1 << 17;
  /** Float unit roundoff. */
  private static final double U = 0x1p-24;

  private final Gpu gpu;
  private final Driver driver;
  private final KernelModule kernels;
  private final DeviceScope scope;
  private final FloatMatrix x;
  private final int n;
  private final int d;
  private final int k;
  private final int chunkRows;
  private final int chunks;
  private final int dimBlock;
  private final float marginScale;
  private final RowFiller filler;
  private final MemorySegment[] pinned = new MemorySegment[2];
  private final Slot[] slots = new Slot[2];
  private final long rowsOnDevice;
  private final long centroids;
  private final long cnorm;
  private final long cnormMax;
  private final long assign;
  private final long dist;
  private final long inertia;
  private final long firstBad;

  /** Per-stream buffers. */
  private record Slot(long xChunk, long xnorm, long dots, long tileCounts, long counts, long offsets, long segStart,
      long order, long partials, long sums, long totals) {}

  /**
   * @param x the rows (n x d)
   * @param k number of centroids
   * @param update whether passes may sum rows per cluster (Lloyd)
   * @param keepRows whether to keep the rows on the device across passes when they fit
   * @param threads host threads copying rows
   */
  Assigner(Gpu gpu, DeviceScope scope, FloatMatrix x, int k, boolean update, boolean keepRows,
      int threads) {
    this.gpu = gpu;
    this.driver = gpu.driver();
    this.kernels = gpu.kernels();
    this.scope = scope;
    this.x = x;
    this.n = x.rows();
    this.d = x.cols();
    this.k = k;
    this.chunkRows = chunkRows(n, d, k);
    this.chunks = (n + chunkRows - 1) / chunkRows;
    this.dimBlock = Math.min(512, (d + 31) / 32 * 32);
    this.marginScale = gpu.allowTf32() ? 0f : (float) (4.0 * (d + 2) * U);
    long rowBytes = (long) n * d * Float.BYTES;
    boolean resident = keepRows && rowBytes + globalBytes() + 2 * slotBytes(false, update) <= gpu.rowMemoryBudget();
    this.filler = new RowFiller(x, threads);
    this.centroids = scope.alloc((long) k * d * Float.BYTES);
    this.cnorm = scope.alloc((long) k * Float.BYTES);
    this.cnormMax = scope.alloc(Float.BYTES);
    this.assign = scope.alloc((long) n * Integer.BYTES);
    this.dist = scope.alloc((long) n * Double.BYTES);
    this.inertia = scope.alloc((long) chunks * Double.BYTES);
    this.firstBad = scope.alloc(Integer.BYTES);
    this.rowsOnDevice = resident ? scope.alloc(rowBytes) : 0;
    for (int s = 0; s < 2; s++) {
      boolean used = s < chunks;
      slots[s] = allocateSlot(used && !resident, used, update);
      pinned[s] = used ? scope.pinned((long) Math.min(chunkRows, n) * d * Float.BYTES) : null;
    }
    driver.fill32(firstBad, NO_ROW, 1, gpu.stream(0));
    driver.synchronize(gpu.stream(0));
  }

  /** Rows per chunk: a multiple of the sort tile, bounded so that the per-stream buffers stay modest. */
  static int chunkRows(int n, int d, int k) {
    long byDots = DOTS_FLOATS / k;
    long byRows = CHUNK_FLOATS / Math.max(1, d);
    long rows = Math.min(Math.min(byDots, byRows), MAX_CHUNK_ROWS) / TILE * TILE;
    rows = Math.max(TILE, rows);
    long needed = ((long) n + TILE - 1) / TILE * TILE;
    return (int) Math.max(TILE, Math.min(rows, needed));
  }

  private long globalBytes() {
    return (long) k * d * Float.BYTES + (long) k * Float.BYTES + (long) n * (Integer.BYTES + Double.BYTES)
        + (long) chunks * Double.BYTES;
  }

  private long slotBytes(boolean withRows, boolean update) {
    long r = chunkRows;
    long bytes = r * Float.BYTES + r * k * Float.BYTES + (withRows ? r * d * Float.BYTES : 0);
    if (update) {
      long tiles = r / TILE;
      bytes += tiles * k * Integer.BYTES + 3L * (k + 1) * Integer.BYTES + r * Integer.BYTES
          + (r / SEGMENT + k) * d * Double.BYTES + (long) k * d * Double.BYTES + (long) k * Long.BYTES;
    }
    return bytes;
  }

  private Slot allocateSlot(boolean withRows, boolean used, boolean update) {
    long r = chunkRows;
    long xChunk = withRows ? scope.alloc(r * d * Float.BYTES) : 0;
    long xnorm = used ? scope.alloc(r * Float.BYTES) : 0;
    long dots = used ? scope.alloc(r * k * Float.BYTES) : 0;
    if (!update) {
      return new Slot(xChunk, xnorm, dots, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    long tiles = r / TILE;
    return new Slot(xChunk, xnorm, dots,
        used ? scope.alloc(tiles * k * Integer.BYTES) : 0,
        used ? scope.alloc((long) k * Integer.BYTES) : 0,
        used ? scope.alloc((long) (k + 1) * Integer.BYTES) : 0,
        used ? scope.alloc((long) (k + 1) * Integer.BYTES) : 0,
        used ? scope.alloc(r * Integer.BYTES) : 0,
        used ? scope.alloc((r / SEGMENT + k) * d * Double.BYTES) : 0,
        scope.alloc((long) k * d * Double.BYTES),
        scope.alloc((long) k * Long.BYTES));
  }

  /** Whether the rows stay on the device across passes. */
  boolean resident() {
    return rowsOnDevice != 0;
  }

  /** Sets every centroid ({@code k * d} floats). */
  void setCentroids(float[] values) {
    scope.upload(values, centroids, gpu.stream(0));
  }

  /** Sets one centroid's row. */
  void setCentroid(int cluster, float[] row) {
    scope.upload(row, centroids + (long) cluster * d * Float.BYTES, gpu.stream(0));
  }

  /** Uploads the rows once, when they stay on the device. */
  void uploadRows(RunControl control, String task) {
    if (rowsOnDevice == 0) {
      return;
    }
    for (int c = 0; c < chunks; c++) {
      int s = c & 1;
      MemorySegment stream = gpu.stream(s);
      driver.synchronize(stream);
      control.checkCancelled(task);
      int first = c * chunkRows;
      int rows = Math.min(chunkRows, n - first);
      filler.fill(first, rows, pinned[s]);
      driver.copyToDevice(rowsOnDevice + (long) first * d * Float.BYTES, pinned[s], (long) rows * d * Float.BYTES,
          stream);
    }
    gpu.synchronize();
  }

  /**
   * Assigns every row to its nearest centroid and returns the inertia (sum of the exact squared
   * distances, in double, summed in a fixed order).
   *
   * @param accumulate whether to also sum rows per cluster for {@link #updateMeans()}
   * @throws io.dp4tl.api.InvalidInputException if a row holds NaN or infinity (names the first)
   */
  double pass(boolean accumulate, RunControl control, String task) {
    MemorySegment s0 = gpu.stream(0);
    driver.fill32(cnormMax, 0, 1, s0);
    kernels.launch(Kernel.ROW_NORMS, blocks(k), ROW_BLOCK, s0, centroids, k, d, cnorm, 0L, 0, cnormMax);
    if (accumulate) {
      for (Slot slot : slots) {
        driver.fill32(slot.sums(), 0, 2L * k * d, s0);
        driver.fill32(slot.totals(), 0, 2L * k, s0);
      }
    }
    driver.synchronize(s0);
    for (int c = 0; c < chunks; c++) {
      int s = c & 1;
      MemorySegment stream = gpu.stream(s);
      Slot slot = slots[s];
      driver.synchronize(stream);
      control.checkCancelled(task);
      int first = c * chunkRows;
      int rows = Math.min(chunkRows, n - first);
      long rowsPtr = rows(c, first, rows, slot, stream);
      kernels.launch(Kernel.ROW_NORMS, blocks(rows), ROW_BLOCK, stream, rowsPtr, rows, d, slot.xnorm(), firstBad,
          first, 0L);
      gpu.cublas().sgemm(gpu.blas(s), Cublas.OP_T, Cublas.OP_N, k, rows, d, 1f, centroids, d, rowsPtr, d, 0f,
          slot.dots(), k);
      long assignAt = assign + (long) first * Integer.BYTES;
      long distAt = dist + (long) first * Double.BYTES;
      kernels.launch(Kernel.ASSIGN, blocks(rows), ROW_BLOCK, stream, slot.dots(), rows, k, slot.xnorm(), cnorm,
          cnormMax, rowsPtr, centroids, d, marginScale, assignAt, distAt);
      kernels.launch(Kernel.SUM, 1, 1024, stream, distAt, rows, inertia, c);
      if (accumulate) {
        accumulate(slot, stream, rowsPtr, assignAt, rows);
      }
    }
    gpu.synchronize();
    int bad = scope.downloadInts(firstBad, 1, s0)[0];
    if (bad != NO_ROW) {
      throw NonFinite.inRow(x, bad);
    }
    double total = 0;
    for (double part : scope.downloadDoubles(inertia, chunks, s0)) {
      total += part;
    }
    return total;
  }

  private long rows(int chunk, int first, int rows, Slot slot, MemorySegment stream) {
    if (rowsOnDevice != 0) {
      return rowsOnDevice + (long) first * d * Float.BYTES;
    }
    filler.fill(first, rows, pinned[chunk & 1]);
    driver.copyToDevice(slot.xChunk(), pinned[chunk & 1], (long) rows * d * Float.BYTES, stream);
    return slot.xChunk();
  }

  private void accumulate(Slot slot, MemorySegment stream, long rowsPtr, long assignAt, int rows) {
    int tiles = (rows + TILE - 1) / TILE;
    driver.fill32(slot.tileCounts(), 0, (long) tiles * k, stream);
    kernels.launch(Kernel.TILE_COUNTS, tiles, 256, stream, assignAt, rows, k, slot.tileCounts());
    kernels.launch(Kernel.TILE_SCAN, (k + 255) / 256, 256, stream, slot.tileCounts(), tiles, k, slot.counts());
    kernels.launch(Kernel.SCAN, 1, 1024, stream, slot.counts(), k, 0, slot.offsets());
    kernels.launch(Kernel.SCAN, 1, 1024, stream, slot.counts(), k, SEGMENT, slot.segStart());
    kernels.launch(Kernel.STABLE_SCATTER, tiles, TILE, stream, assignAt, rows, k, slot.tileCounts(), slot.offsets(),
        slot.order());
    kernels.launch(Kernel.SEGMENT_SUMS, (rows + SEGMENT - 1) / SEGMENT + k, dimBlock, stream, rowsPtr, d,
        slot.order(), slot.offsets(), slot.counts(), slot.segStart(), k, SEGMENT, slot.partials());
    kernels.launch(Kernel.ACCUMULATE, k, dimBlock, stream, slot.partials(), slot.segStart(), slot.counts(), d,
        slot.sums(), slot.totals());
  }

  /**
   * Replaces every non-empty cluster's centroid by the mean of its rows (after a pass with
   * {@code accumulate}) and returns each cluster's row count; empty clusters keep their centroid.
   */
  long[] updateMeans() {
    MemorySegment s0 = gpu.stream(0);
    kernels.launch(Kernel.MEANS, k, dimBlock, s0, slots[0].sums(), slots[1].sums(), slots[0].totals(),
        slots[1].totals(), d, centroids);
    long[] counts = scope.downloadLongs(slots[0].totals(), k, s0);
    long[] more = scope.downloadLongs(slots[1].totals(), k, s0);
    for (int j = 0; j < k; j++) {
      counts[j] += more[j];
    }
    return counts;
  }

  /** Exact squared distance of every row to its centroid, from the last pass. */
  double[] distances() {
    return scope.downloadDoubles(dist, n, gpu.stream(0));
  }

  /** The centroids ({@code k * d} floats). */
  float[] centroids() {
    return scope.downloadFloats(centroids, k * d, gpu.stream(0));
  }

  /** Each row's centroid, from the last pass. */
  int[] assignment() {
    return scope.downloadInts(assign, n, gpu.stream(0));
  }

  /** The rows, for reading single rows on the host. */
  FloatMatrix matrix() {
    return x;
  }

  private static int blocks(int rows) {
    return (rows + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
  }

  @Override
  public void close() {
    filler.close();
  }
}
