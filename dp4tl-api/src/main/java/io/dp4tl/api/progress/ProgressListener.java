package io.dp4tl.api.progress;

/**
 * Receives progress of long passes (inference, k-means, training). Every method has a no-op
 * default; implementations must be thread-safe and fast (they are called from worker threads).
 */
public interface ProgressListener {

  /** Reports nothing. */
  ProgressListener NONE = new ProgressListener() {};

  /** A task of {@code total} units (-1 if unknown) started. */
  default void started(String task, long total) {}

  /** {@code done} of {@code total} units of the task are complete. */
  default void advanced(String task, long done, long total) {}

  /** A line worth showing (e.g. an epoch's loss, accuracy, images/s and ETA). */
  default void report(String task, String message) {}

  /** The task finished (also called when it failed or was cancelled). */
  default void finished(String task) {}
}
