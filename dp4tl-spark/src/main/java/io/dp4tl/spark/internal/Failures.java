package io.dp4tl.spark.internal;

import io.dp4tl.api.Dp4tlException;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.ModelException;
import java.util.List;
import java.util.function.BiFunction;

/** Brings dp4tl's input errors thrown in executors back out of Spark's job failure wrapping. */
public final class Failures {
  private Failures() {}

  /** One of dp4tl's exceptions brought back, and how to make one from a task's message. */
  private record Kind(Class<? extends Dp4tlException> type, BiFunction<String, Throwable, Dp4tlException> make) {
    String mark() {
      return type.getName() + ": ";
    }
  }

  /** The exceptions brought back, in this order. */
  private static final List<Kind> KINDS = List.of(new Kind(InvalidInputException.class, InvalidInputException::new),
      new Kind(ModelException.class, ModelException::new));

  /**
   * The {@link InvalidInputException} in {@code e}'s cause chain; else, when a task failed with
   * one (Spark then often keeps only its text in the job's message), a new one with its message;
   * else the same for a {@link ModelException} (a surrogate failing in an executor); else
   * {@code e} itself, or a {@link Dp4tlException} around it if it is checked.
   */
  public static RuntimeException unwrap(Exception e) {
    String message = String.valueOf(e.getMessage());
    for (Kind kind : KINDS) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (kind.type().isInstance(t)) {
          return kind.type().cast(t);
        }
      }
      int at = message.indexOf(kind.mark());
      if (at >= 0) {
        String text = message.substring(at + kind.mark().length()).lines().findFirst().orElse("").strip();
        return kind.make().apply(text, e);
      }
    }
    // Spark's own exceptions (SparkException, AnalysisException) are checked in Java's terms.
    return e instanceof RuntimeException r ? r
        : new Dp4tlException("Spark job failed: " + e.getMessage(), e);
  }
}
