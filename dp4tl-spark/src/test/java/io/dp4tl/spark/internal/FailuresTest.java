package io.dp4tl.spark.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.api.Dp4tlException;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.ModelException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  /** How Spark reports a task's failure: the exception's class and message inside the job's message. */
  private static Exception jobFailure(String cause) {
    return new Exception("Job aborted due to stage failure: Task 0 in stage 3.0 failed 1 times, most recent failure:"
        + " Lost task 0.0 in stage 3.0 (TID 5) (localhost executor driver): " + cause + "\n\tat somewhere");
  }

  @Test
  void bringsDp4tlsMessagesBackFromTaskFailures() {
    assertThat(Failures.unwrap(jobFailure("io.dp4tl.api.InvalidInputException: source row id=7 has no image")))
        .isInstanceOf(InvalidInputException.class).hasMessage("source row id=7 has no image");
    assertThat(Failures.unwrap(jobFailure("io.dp4tl.api.ModelException: surrogate m failed on source rows id=3")))
        .isInstanceOf(ModelException.class).hasMessage("surrogate m failed on source rows id=3");
    InvalidInputException invalid = new InvalidInputException("bad");
    assertThat(Failures.unwrap(new RuntimeException("wrapped", invalid))).isSameAs(invalid);
    assertThat(Failures.unwrap(jobFailure("java.lang.OutOfMemoryError: heap"))).isInstanceOf(Dp4tlException.class)
        .hasMessageContaining("Spark job failed").hasMessageContaining("OutOfMemoryError");
  }
}
