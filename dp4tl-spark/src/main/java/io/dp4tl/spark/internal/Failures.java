package io.dp4tl.spark.internal;

import io.dp4tl.api.InvalidInputException;

/** Brings dp4tl's input errors thrown in executors back out of Spark's job failure wrapping. */
public final class Failures {
  private Failures() {}

  /** The {@link InvalidInputException} in {@code e}'s cause chain, or {@code e} itself. */
  public static RuntimeException unwrap(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidInputException invalid) {
        return invalid;
      }
    }
    return e;
  }
}
