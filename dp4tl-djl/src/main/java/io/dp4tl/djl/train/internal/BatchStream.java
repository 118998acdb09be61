package io.dp4tl.djl.train.internal;

import io.dp4tl.djl.Architecture;
import io.dp4tl.djl.internal.ImageEncoder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The batches of one pass over {@link LabelledImages}, in a given order, prepared on a background
 * thread two batches ahead of the consumer. With augmentation every sample is shifted by a random
 * offset of up to {@value #MAX_SHIFT} pixels in each direction (zero padding, i.e. "pad and random
 * crop"); flips are not used, they would turn a glyph into another. The shifts of batch {@code b}
 * come from a generator seeded by (seed, epoch, b) alone, so they do not depend on timing.
 */
final class BatchStream implements AutoCloseable {
  static final int MAX_SHIFT = 4;
  private static final int AHEAD = 2;

  private final LabelledImages data;
  private final int[] order;
  private final int batchSize;
  private final boolean augment;
  private final long seed;
  private final ExecutorService worker;
  private final Deque<Future<HostBatch>> pending = new ArrayDeque<>();
  private int submitted;

  BatchStream(LabelledImages data, int[] order, int batchSize, boolean augment, long seed) {
    this.data = data;
    this.order = order;
    this.batchSize = batchSize;
    this.augment = augment;
    this.seed = seed;
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "dp4tl-batches");
      t.setDaemon(true);
      return t;
    });
    while (submitted < Math.min(AHEAD, batches())) {
      submitNext();
    }
  }

  /** Number of batches (the last may be smaller). */
  int batches() {
    return (order.length + batchSize - 1) / batchSize;
  }

  /**
   * The next batch, waiting for it if needed.
   *
   * @throws RuntimeException what preparing the batch threw (e.g. an unreadable image)
   */
  HostBatch next() {
    Future<HostBatch> head = pending.removeFirst();
    if (submitted < batches()) {
      submitNext();
    }
    try {
      return head.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a training batch", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("cannot prepare a training batch", cause);
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }

  private void submitNext() {
    int b = submitted++;
    pending.addLast(worker.submit(() -> prepare(b)));
  }

  private HostBatch prepare(int b) {
    int from = b * batchSize;
    int n = Math.min(batchSize, order.length - from);
    float[] pixels = new float[n * ImageEncoder.PIXELS];
    long[] labels = new long[n];
    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, b));
    for (int i = 0; i < n; i++) {
      int position = order[from + i];
      labels[i] = data.label(position);
      byte[] grey = data.grey(position);
      if (augment) {
        shifted(grey, random.nextInt(-MAX_SHIFT, MAX_SHIFT + 1), random.nextInt(-MAX_SHIFT, MAX_SHIFT + 1),
            pixels, i * ImageEncoder.PIXELS);
      } else {
        ImageEncoder.toFloats(grey, pixels, i * ImageEncoder.PIXELS);
      }
    }
    return new HostBatch(pixels, labels);
  }

  private static void shifted(byte[] grey, int dx, int dy, float[] dst, int offset) {
    int size = Architecture.INPUT_SIZE;
    for (int y = 0; y < size; y++) {
      int sy = y - dy;
      for (int x = 0; x < size; x++) {
        int sx = x - dx;
        boolean inside = sy >= 0 && sy < size && sx >= 0 && sx < size;
        dst[offset + y * size + x] = inside ? (grey[sy * size + sx] & 0xff) / 255f : 0f;
      }
    }
  }
}
