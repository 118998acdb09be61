package io.dp4tl.core.inference;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.CancelledException;
import io.dp4tl.api.Dp4tlException;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.ModelException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Batch;
import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.api.spi.ModelInfo;
import io.dp4tl.api.spi.ModelOutput;
import io.dp4tl.core.io.HeapCheck;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a surrogate {@link ModelBackend} over an {@link ImageSet} in batches and collects its logits
 * and/or features in sample order.
 *
 * <p>A producer thread decodes images ({@link ImageSet#image}) and encodes them
 * ({@link ModelBackend#encode}) into batch buffers while the calling thread runs the model on
 * earlier batches ({@link ModelBackend#run}). At most {@value #IN_FLIGHT} batch buffers exist, so
 * the producer waits when the model falls behind. Progress is reported per batch; cancellation is
 * checked before each batch on both threads. An error on either thread stops the pass and is
 * rethrown naming the sample (or batch); the producer thread is always stopped and joined before
 * {@link #run} returns or throws.
 */
public final class InferencePass {
  /** Batch buffers in flight between the producer and the model. */
  public static final int IN_FLIGHT = 3;

  private final ModelBackend backend;
  private final ImageSet images;
  private final String what;
  private final boolean wantLogits;
  private final boolean wantFeatures;
  private final int batchSize;

  /**
   * @param backend the surrogate
   * @param images the samples to run it over
   * @param what names the samples in messages and progress, e.g. {@code "target"}
   * @param wantLogits whether to collect logits
   * @param wantFeatures whether to collect features
   * @param batchSize samples per batch
   * @throws IllegalArgumentException if neither output is wanted or batchSize is below 1
   * @throws InvalidInputException if the model does not give a wanted output
   */
  public InferencePass(
      ModelBackend backend, ImageSet images, String what, boolean wantLogits, boolean wantFeatures, int batchSize) {
    this.backend = requireNonNull(backend, "backend");
    this.images = requireNonNull(images, "images");
    this.what = requireNonNull(what, "what");
    checkArgument(wantLogits || wantFeatures, "ask for logits, features or both");
    checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
    ModelInfo info = backend.info();
    if (wantLogits && info.logitWidth() == 0) {
      throw new InvalidInputException("surrogate " + info.name() + " gives no logits; a classifier over the source"
          + " classes is needed here");
    }
    if (wantFeatures && info.featureWidth() == 0) {
      throw new InvalidInputException("surrogate " + info.name() + " gives no features; a model with a feature"
          + " output is needed here");
    }
    this.wantLogits = wantLogits;
    this.wantFeatures = wantFeatures;
    this.batchSize = batchSize;
  }

  /**
   * The collected outputs, one row per sample in sample order.
   *
   * @param logits n x logitWidth, if asked for
   * @param features n x featureWidth, if asked for
   */
  public record Result(Optional<FloatMatrix> logits, Optional<FloatMatrix> features) {
    public Result {
      requireNonNull(logits, "logits");
      requireNonNull(features, "features");
    }
  }

  /**
   * Runs the pass.
   *
   * @throws InvalidInputException if an image cannot be read or encoded (names the sample), or
   *     the outputs would not fit in a heap array
   * @throws ModelException if the model fails or returns outputs of the wrong size (names the batch)
   * @throws CancelledException if cancelled
   */
  public Result run(RunControl control) {
    requireNonNull(control, "control");
    ModelInfo info = backend.info();
    int n = images.size();
    float[] logits = wantLogits ? allocate(n, info.logitWidth(), "logits") : null;
    float[] features = wantFeatures ? allocate(n, info.featureWidth(), "features") : null;
    String task = "inference (" + what + ")";
    control.progress().started(task, n);
    Producer producer = new Producer(n, info.inputElements(), control);
    Thread thread = new Thread(producer, "dp4tl-encode-" + what);
    thread.setDaemon(true);
    thread.start();
    try {
      for (int done = 0; done < n; ) {
        Item item = producer.next(task);
        if (item.failure != null) {
          throw item.failure;
        }
        ModelOutput out = runBatch(item, info);
        collect(out.logits(), logits, info.logitWidth(), item, "logits");
        collect(out.features(), features, info.featureWidth(), item, "features");
        producer.recycle(item.input);
        done += item.indices.length;
        control.progress().advanced(task, done, n);
      }
    } finally {
      producer.stop();
      thread.interrupt();
      joinUninterruptibly(thread);
      control.progress().finished(task);
    }
    return new Result(
        Optional.ofNullable(logits).map(a -> FloatMatrix.of(a, n, info.logitWidth())),
        Optional.ofNullable(features).map(a -> FloatMatrix.of(a, n, info.featureWidth())));
  }

  private float[] allocate(int n, int width, String output) {
    long size = (long) n * width;
    if (size > Integer.MAX_VALUE - 16) {
      throw new InvalidInputException(n + " " + what + " samples x " + width + " " + output + " are too many to hold"
          + " in memory; compute them beforehand into an .npy file and pass them as a FloatMatrix");
    }
    return new float[(int) size];
  }

  private ModelOutput runBatch(Item item, ModelInfo info) {
    String samples = what + " samples [" + item.indices[0] + ", " + (item.indices[item.indices.length - 1] + 1) + ")";
    try {
      ModelOutput out = backend.run(new Batch(item.indices, item.input, wantLogits, wantFeatures));
      if (out == null) {
        throw new ModelException("model " + info.name() + " returned nothing for " + samples);
      }
      return out;
    } catch (ModelException e) {
      throw new ModelException("model " + info.name() + " failed on " + samples + ": " + e.getMessage(), e);
    } catch (Dp4tlException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModelException("model " + info.name() + " failed on " + samples + ": " + e, e);
    }
  }

  private void collect(float[] values, float[] into, int width, Item item, String output) {
    if (into == null) {
      return;
    }
    int size = item.indices.length;
    if (values == null || values.length != size * width) {
      throw new ModelException("model " + backend.info().name() + " returned " + (values == null ? "no" : values.length)
          + " " + output + " values for " + what + " samples [" + item.indices[0] + ", " + (item.indices[0] + size)
          + "); expected " + size + " x " + width);
    }
    System.arraycopy(values, 0, into, item.indices[0] * width, values.length);
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** An encoded batch, or the producer's failure. */
  private static final class Item {
    final int[] indices;
    final float[] input;
    final RuntimeException failure;

    Item(int[] indices, float[] input, RuntimeException failure) {
      this.indices = indices;
      this.input = input;
      this.failure = failure;
    }
  }

  /** Decodes and encodes batches ahead of the model, on its own thread. */
  private final class Producer implements Runnable {
    private final int n;
    private final int elements;
    private final RunControl control;
    private final BlockingQueue<float[]> free = new ArrayBlockingQueue<>(IN_FLIGHT);
    /** Room for every buffer plus one failure. */
    private final BlockingQueue<Item> full = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
    private volatile boolean stopped;

    Producer(int n, int elements, RunControl control) {
      this.n = n;
      this.elements = elements;
      this.control = control;
      long floats = (long) batchSize * elements;
      if (floats > Integer.MAX_VALUE - 16) {
        throw new InvalidInputException("a batch of " + batchSize + " samples of " + elements + " input values each"
            + " is too large for one buffer; use a smaller batch size or model input");
      }
      HeapCheck.require(floats * Float.BYTES * IN_FLIGHT, IN_FLIGHT + " input batches of " + batchSize + " x "
          + elements + " floats");
      for (int i = 0; i < IN_FLIGHT; i++) {
        free.add(new float[(int) floats]);
      }
    }

    @Override
    public void run() {
      try {
        for (int first = 0; first < n && !stopped; first += batchSize) {
          if (control.cancellation().isCancelled()) {
            return;
          }
          float[] input = free.take();
          int size = Math.min(batchSize, n - first);
          int[] indices = new int[size];
          for (int i = 0; i < size; i++) {
            indices[i] = first + i;
            try {
              backend.encode(images.image(first + i), input, i * elements);
            } catch (RuntimeException | Error e) {
              // Every failure, an Error too, reaches the consumer; otherwise it would wait forever.
              full.put(new Item(null, null, sampleFailure(first + i, e)));
              return;
            }
          }
          full.put(new Item(indices, input, null));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private RuntimeException sampleFailure(int index, Throwable e) {
      String where = what + " sample " + index;
      if (e instanceof InvalidInputException) {
        return new InvalidInputException(where + ": " + e.getMessage(), e);
      }
      if (e instanceof ModelException) {
        return new ModelException(where + ": " + e.getMessage(), e);
      }
      return new ModelException("cannot read or encode " + where + " for model " + backend.info().name() + ": " + e, e);
    }

    /** The next batch; checks cancellation while waiting. */
    Item next(String task) {
      try {
        while (true) {
          control.checkCancelled(task);
          Item item = full.poll(50, TimeUnit.MILLISECONDS);
          if (item != null) {
            return item;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancelledException(task + " (interrupted)");
      }
    }

    void recycle(float[] input) {
      free.add(input);
    }

    void stop() {
      stopped = true;
    }
  }
}
