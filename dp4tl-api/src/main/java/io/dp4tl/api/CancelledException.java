package io.dp4tl.api;

/** A long pass stopped because its {@link io.dp4tl.api.progress.Cancellation} was triggered. */
public class CancelledException extends Dp4tlException {
  private static final long serialVersionUID = 1L;

  public CancelledException(String task) {
    super("cancelled: " + task);
  }
}
