package io.dp4tl.core.io;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.Dp4tlException;
import org.junit.jupiter.api.Test;

/** What still loads onto the heap is refused up front, saying how much heap to give. */
class HeapCheckTest {
  @Test
  void refusesMoreThanTheHeapWithTheSizeToGive() {
    long max = Runtime.getRuntime().maxMemory();
    assertThatThrownBy(() -> HeapCheck.require(2 * max, "a test array"))
        .isInstanceOf(Dp4tlException.class)
        .hasMessageContaining("not enough Java heap to load a test array")
        .hasMessageContaining("DP4TL_JAVA_OPTS=-Xmx");
    assertThatCode(() -> HeapCheck.require(1024, "a small array")).doesNotThrowAnyException();
  }
}
