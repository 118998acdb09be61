package io.dp4tl.gpu.internal.compute;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import io.dp4tl.api.data.FloatMatrix;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Copies rows of a matrix into page-locked host memory with up to {@code threads} threads
 * ({@link FloatMatrix#copyRows} is thread-safe), block by block so that no heap copy of the whole
 * chunk is needed.
 */
final class RowFiller implements AutoCloseable {
  private static final int MIN_ROWS_PER_TASK = 1024;

  private final FloatMatrix matrix;
  private final int cols;
  private final int blockRows;
  private final ExecutorService pool;
  private final int threads;

  RowFiller(FloatMatrix matrix, int threads) {
    this.matrix = matrix;
    this.cols = matrix.cols();
    this.blockRows = Math.max(1, (1 << 16) / Math.max(1, cols));
    this.threads = threads;
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "dp4tl-cuda-fill");
      thread.setDaemon(true);
      return thread;
    }) : null;
  }

  /** Rows {@code [first, first + count)} into {@code dst}, row-major from offset 0. */
  void fill(int first, int count, MemorySegment dst) {
    int tasks = pool == null ? 1 : Math.max(1, Math.min(threads, count / MIN_ROWS_PER_TASK));
    if (tasks == 1) {
      copy(first, count, dst, 0);
      return;
    }
    int per = (count + tasks - 1) / tasks;
    List<Callable<Void>> work = new ArrayList<>();
    for (int start = 0; start < count; start += per) {
      int from = start;
      int n = Math.min(per, count - start);
      work.add(() -> {
        copy(first + from, n, dst, from);
        return null;
      });
    }
    try {
      for (Future<Void> done : pool.invokeAll(work)) {
        done.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while copying rows to the GPU staging buffer", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException("copying rows failed", e.getCause());
    }
  }

  private void copy(int first, int count, MemorySegment dst, int dstRow) {
    float[] buffer = new float[Math.min(blockRows, count) * cols];
    for (int done = 0; done < count; done += blockRows) {
      int n = Math.min(blockRows, count - done);
      matrix.copyRows(first + done, n, buffer, 0);
      MemorySegment.copy(buffer, 0, dst, JAVA_FLOAT, (long) (dstRow + done) * cols * Float.BYTES, n * cols);
    }
  }

  /** Stops the copy threads and waits for them, so no copy writes into memory freed after this. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
      boolean interrupted = false;
      while (true) {
        try {
          if (pool.awaitTermination(1, TimeUnit.SECONDS)) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
