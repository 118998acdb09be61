package io.dp4tl.gpu.internal.compute;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import java.lang.foreign.MemorySegment;

/**
 * Label Mapping's vote histogram on the GPU: the logits stream through page-locked buffers on two
 * streams (copy of one chunk overlapping the argmax of the other); counts are integer atomics, so
 * the result does not depend on scheduling.
 */
public final class LabelHistogram {
  private static final String TASK = "label histogram (cuda)";
  private static final int NO_ROW = Integer.MAX_VALUE;
  /** Floats per chunk (64 MiB). */
  private static final long CHUNK_FLOATS = 1L << 24;
  private static final int ROW_BLOCK = 256;
  private static final int ROWS_PER_BLOCK = ROW_BLOCK / 32;

  private LabelHistogram() {}

  /**
   * {@code counts[argmax_c logits[i][c]]++} over all rows, the lowest column winning a tie.
   *
   * @throws io.dp4tl.api.InvalidInputException if a row holds NaN or infinity (names the first)
   */
  public static long[] argmaxHistogram(Gpu gpu, FloatMatrix logits, int threads, RunControl control) {
    int n = logits.rows();
    int cols = logits.cols();
    int chunkRows = (int) Math.max(1, Math.min(n, CHUNK_FLOATS / cols));
    int chunks = (n + chunkRows - 1) / chunkRows;
    long chunkBytes = (long) chunkRows * cols * Float.BYTES;
    control.progress().started(TASK, n);
    try (DeviceScope scope = new DeviceScope(gpu); RowFiller filler = new RowFiller(logits, threads)) {
      var driver = gpu.driver();
      long counts = scope.alloc((long) cols * Long.BYTES);
      long firstBad = scope.alloc(Integer.BYTES);
      long[] rows = {scope.alloc(chunkBytes), chunks > 1 ? scope.alloc(chunkBytes) : 0};
      MemorySegment[] pinned = {scope.pinned(chunkBytes), chunks > 1 ? scope.pinned(chunkBytes) : null};
      MemorySegment s0 = gpu.stream(0);
      driver.fill32(counts, 0, 2L * cols, s0);
      driver.fill32(firstBad, NO_ROW, 1, s0);
      driver.synchronize(s0);
      for (int c = 0; c < chunks; c++) {
        int s = c & 1;
        MemorySegment stream = gpu.stream(s);
        driver.synchronize(stream);
        control.checkCancelled(TASK);
        int first = c * chunkRows;
        int count = Math.min(chunkRows, n - first);
        filler.fill(first, count, pinned[s]);
        driver.copyToDevice(rows[s], pinned[s], (long) count * cols * Float.BYTES, stream);
        gpu.kernels().launch(Kernel.ARGMAX_HISTOGRAM, (count + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK, ROW_BLOCK, stream,
            rows[s], count, cols, counts, firstBad, first);
        control.progress().advanced(TASK, first + count, n);
      }
      gpu.synchronize();
      int bad = scope.downloadInts(firstBad, 1, s0)[0];
      if (bad != NO_ROW) {
        throw NonFinite.inRow(logits, bad);
      }
      return scope.downloadLongs(counts, cols, s0);
    } finally {
      control.progress().finished(TASK);
    }
  }
}
