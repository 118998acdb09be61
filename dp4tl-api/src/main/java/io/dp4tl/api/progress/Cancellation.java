package io.dp4tl.api.progress;

import io.dp4tl.api.CancelledException;

/** A cancellation signal shared between the caller and a long pass; thread-safe. */
public final class Cancellation {
  private volatile boolean cancelled;

  /** A fresh, untriggered signal. */
  public static Cancellation create() {
    return new Cancellation();
  }

  /** Asks every pass that watches this signal to stop at its next check. */
  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * @throws CancelledException if {@link #cancel()} was called
   */
  public void check(String task) {
    if (cancelled) {
      throw new CancelledException(task);
    }
  }
}
