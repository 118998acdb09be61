package io.dp4tl.spark.internal;

import io.dp4tl.api.Dp4tlException;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.ModelException;

/** Brings dp4tl's input errors thrown in executors back out of Spark's job failure wrapping. */
public final class Failures {
  private Failures() {}

  private static final String MARK = InvalidInputException.class.getName() + ": ";
  private static final String MODEL_MARK = ModelException.class.getName() + ": ";

  /**
   * The {@link InvalidInputException} in {@code e}'s cause chain; else, when a task failed with
   * one (Spark then often keeps only its text in the job's message), a new one with its message;
   * else the same for a {@link ModelException} (a surrogate failing in an executor); else
   * {@code e} itself, or a {@link Dp4tlException} around it if it is checked.
   */
  public static RuntimeException unwrap(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidInputException invalid) {
        return invalid;
      }
    }
    String message = String.valueOf(e.getMessage());
    int at = message.indexOf(MARK);
    if (at >= 0) {
      String text = message.substring(at + MARK.length()).lines().findFirst().orElse("").strip();
      return new InvalidInputException(text, e);
    }
    at = message.indexOf(MODEL_MARK);
    if (at >= 0) {
      String text = message.substring(at + MODEL_MARK.length()).lines().findFirst().orElse("").strip();
      return new ModelException(text, e);
    }
    // Spark's own exceptions (SparkException, AnalysisException) are checked in Java's terms.
    return e instanceof RuntimeException r ? r
        : new Dp4tlException("Spark job failed: " + e.getMessage(), e);
  }
}
