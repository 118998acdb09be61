package io.dp4tl.api;

/** Base of every exception dp4tl throws on purpose; unchecked, like Guava's and DJL's. */
public class Dp4tlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Dp4tlException(String message) {
    super(message);
  }

  public Dp4tlException(String message, Throwable cause) {
    super(message, cause);
  }
}
