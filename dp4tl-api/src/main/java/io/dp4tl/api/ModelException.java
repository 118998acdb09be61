package io.dp4tl.api;

/** A model could not be loaded or run; the message names the model and the failing input. */
public class ModelException extends Dp4tlException {
  private static final long serialVersionUID = 1L;

  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
