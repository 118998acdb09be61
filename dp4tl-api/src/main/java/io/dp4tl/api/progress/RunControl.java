package io.dp4tl.api.progress;

import static java.util.Objects.requireNonNull;

/**
 * What every long pass takes: where to report progress and when to stop.
 *
 * @param progress receives progress
 * @param cancellation checked between batches / iterations / epochs
 */
public record RunControl(ProgressListener progress, Cancellation cancellation) {

  public RunControl {
    requireNonNull(progress, "progress");
    requireNonNull(cancellation, "cancellation");
  }

  /** No progress reporting, never cancelled. */
  public static RunControl none() {
    return new RunControl(ProgressListener.NONE, Cancellation.create());
  }

  /**
   * @throws io.dp4tl.api.CancelledException if cancelled
   */
  public void checkCancelled(String task) {
    cancellation.check(task);
  }
}
