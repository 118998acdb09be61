package io.dp4tl.core.accel.internal;

import static com.google.common.base.Preconditions.checkArgument;

import io.dp4tl.api.CancelledException;
import io.dp4tl.api.progress.RunControl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Worker threads that run a computation over a fixed partition of rows into blocks and combine
 * the per-block results <em>in block order</em> on the calling thread. The partition depends only
 * on the row count and the block size, never on the number of threads, so every reduction built on
 * it gives bit-identical results for 1 or N threads.
 *
 * <p>Each worker computes into a workspace taken from a small pool (threads + 1 workspaces), so at
 * most that many block results are held at once. A failure in block b is rethrown when the
 * combination reaches block b, so the reported error does not depend on timing either.
 * Cancellation is checked between blocks. One {@link #forEachBlock} runs at a time; close the
 * workers to stop their threads.
 */
public final class Workers implements AutoCloseable {
  private static final AtomicInteger POOL_IDS = new AtomicInteger();

  private final int threads;
  private final RunControl control;
  private final ExecutorService executor;

  /**
   * @param threads worker threads; 1 runs everything on the calling thread
   * @param control checked for cancellation between blocks
   * @throws IllegalArgumentException if threads is below 1
   */
  public Workers(int threads, RunControl control) {
    checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
    this.threads = threads;
    this.control = control;
    this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads, daemonThreads());
  }

  private static ThreadFactory daemonThreads() {
    int pool = POOL_IDS.incrementAndGet();
    AtomicInteger ids = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "dp4tl-worker-" + pool + "-" + ids.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Number of worker threads. */
  public int threads() {
    return threads;
  }

  /** Computes one block into a workspace. It must (re)initialise whatever it later reads. */
  @FunctionalInterface
  public interface BlockTask<W> {
    void compute(int block, int firstRow, int rowCount, W workspace);
  }

  /** Consumes one block's workspace; called on the calling thread, in block order. */
  @FunctionalInterface
  public interface Combiner<W> {
    void combine(int block, int firstRow, int rowCount, W workspace);
  }

  /**
   * Runs {@code task} over the blocks {@code [b * blockRows, min(rows, (b + 1) * blockRows))} and
   * hands each result to {@code combiner} in ascending block order.
   *
   * @param what the task name used when cancelled
   * @throws CancelledException if cancelled between blocks
   * @throws RuntimeException the first (in block order) exception a block threw
   */
  public <W> void forEachBlock(
      int rows, int blockRows, Supplier<W> workspaces, BlockTask<W> task, Combiner<W> combiner, String what) {
    checkArgument(blockRows >= 1, "blockRows must be >= 1, got %s", blockRows);
    int blocks = (int) (((long) rows + blockRows - 1) / blockRows);
    if (executor == null || blocks <= 1) {
      W w = workspaces.get();
      for (int b = 0; b < blocks; b++) {
        control.checkCancelled(what);
        int first = b * blockRows;
        int count = Math.min(blockRows, rows - first);
        task.compute(b, first, count, w);
        combiner.combine(b, first, count, w);
      }
      return;
    }
    new Run<>(rows, blockRows, blocks, workspaces, task, combiner, what).execute();
  }

  /** State of one parallel {@link #forEachBlock} call. */
  private final class Run<W> {
    private final int rows;
    private final int blockRows;
    private final int blocks;
    private final BlockTask<W> task;
    private final Combiner<W> combiner;
    private final String what;
    private final BlockingQueue<W> pool;
    private final List<CompletableFuture<W>> results;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean stop;

    Run(int rows, int blockRows, int blocks, Supplier<W> workspaces, BlockTask<W> task, Combiner<W> combiner,
        String what) {
      this.rows = rows;
      this.blockRows = blockRows;
      this.blocks = blocks;
      this.task = task;
      this.combiner = combiner;
      this.what = what;
      int size = Math.min(blocks, threads + 1);
      this.pool = new ArrayBlockingQueue<>(size);
      for (int i = 0; i < size; i++) {
        pool.add(workspaces.get());
      }
      this.results = new ArrayList<>(blocks);
      for (int b = 0; b < blocks; b++) {
        results.add(new CompletableFuture<>());
      }
    }

    void execute() {
      List<Future<?>> running = new ArrayList<>(threads);
      try {
        for (int t = 0; t < threads; t++) {
          running.add(executor.submit(this::work));
        }
        for (int b = 0; b < blocks; b++) {
          W w = await(results.get(b));
          int first = b * blockRows;
          combiner.combine(b, first, Math.min(blockRows, rows - first), w);
          pool.add(w);
          control.checkCancelled(what);
        }
      } finally {
        stop = true;
        awaitAll(running);
      }
    }

    private void work() {
      while (!stop) {
        // Take a workspace before claiming a block: whoever holds block b can always finish it.
        W w = take();
        if (w == null) {
          continue;
        }
        int b = next.getAndIncrement();
        if (b >= blocks || stop) {
          pool.add(w);
          return;
        }
        int first = b * blockRows;
        try {
          task.compute(b, first, Math.min(blockRows, rows - first), w);
          results.get(b).complete(w);
        } catch (RuntimeException | Error e) {
          pool.add(w);
          results.get(b).completeExceptionally(e);
        }
      }
    }

    /** A workspace, or null after a short wait so that {@link #stop} is seen. */
    private W take() {
      try {
        return pool.poll(20, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        stop = true;
        Thread.currentThread().interrupt();
        return null;
      }
    }

    private W await(CompletableFuture<W> result) {
      try {
        return result.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancelledException(what + " (interrupted)");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      }
    }

    /** Waits until every worker task has returned, so no thread touches this run afterwards. */
    private void awaitAll(List<Future<?>> running) {
      boolean interrupted = Thread.interrupted();
      for (Future<?> f : running) {
        while (true) {
          try {
            f.get();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (ExecutionException e) {
            break; // work() catches what its blocks throw; nothing else can reach here
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops the worker threads and waits for them. */
  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
      boolean interrupted = false;
      try {
        while (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
