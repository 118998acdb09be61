package io.dp4tl.core.io;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dp4tl.api.Dp4tlException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What still loads onto the heap is refused up front, saying how much heap to give. */
class HeapCheckTest {
  @TempDir Path tmp;

  @Test
  void refusesMoreThanTheHeapWithTheSizeToGive() {
    long max = Runtime.getRuntime().maxMemory();
    assertThatThrownBy(() -> HeapCheck.require(2 * max, "a test array"))
        .isInstanceOf(Dp4tlException.class)
        .hasMessageContaining("not enough Java heap to load a test array")
        .hasMessageContaining("DP4TL_JAVA_OPTS=-Xmx");
    assertThatCode(() -> HeapCheck.require(1024, "a small array")).doesNotThrowAnyException();
  }

  /** A vector loaded onto the heap (e.g. kept sample indices) is still checked first. */
  @Test
  void aVectorLoadedOntoTheHeapIsCheckedFirst() throws IOException {
    long n = Runtime.getRuntime().maxMemory() / 4 + 1;
    assumeThat(n).isLessThan(Integer.MAX_VALUE - 16); // else an int[] cannot exceed the heap
    Path file = tmp.resolve("v.npy");
    Npy.writeUint8(file, new byte[0], new long[] {0});
    byte[] header = Npy.header(NpyDtype.UINT8, new long[] {n});
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.write(header);
      f.setLength(header.length + n); // sparse: zeros, no disk
    }
    NpyArray array = Npy.read(file);
    assertThatThrownBy(() -> array.toIntArray("kept samples"))
        .isInstanceOf(Dp4tlException.class)
        .hasMessageContaining("not enough Java heap to load kept samples in " + file);
  }
}
