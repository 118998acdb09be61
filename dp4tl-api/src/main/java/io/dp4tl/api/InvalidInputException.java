package io.dp4tl.api;

/**
 * The caller's data or settings are wrong: a shape mismatch, a NaN, a label out of range, an
 * unreadable file. The message names the input, where the problem is and what was expected.
 */
public class InvalidInputException extends Dp4tlException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
