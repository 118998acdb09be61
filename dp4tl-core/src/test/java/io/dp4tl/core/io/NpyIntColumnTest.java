package io.dp4tl.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.data.SourceData;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12 case 4: label and group vectors are views over the mapped {@code .npy} in the width it
 * was stored in, checked once on opening, never widened onto the heap.
 */
class NpyIntColumnTest {
  @TempDir Path tmp;

  static Stream<Arguments> numpyFiles() {
    return Stream.of(
        Arguments.of("v_u1.npy", new int[] {3, 0, 7, 255}),
        Arguments.of("v_i1.npy", new int[] {3, 0, -7, 127}),
        Arguments.of("vle_i2.npy", new int[] {3, 0, -7, 32767}),
        Arguments.of("vbe_i2.npy", new int[] {3, 0, -7, 32767}),
        Arguments.of("vle_u2.npy", new int[] {3, 0, 7, 65535}),
        Arguments.of("vbe_u2.npy", new int[] {3, 0, 7, 65535}),
        Arguments.of("vle_i4.npy", new int[] {3, 0, 7, 255}),
        Arguments.of("vbe_i4.npy", new int[] {3, 0, 7, 255}),
        Arguments.of("vle_i8.npy", new int[] {3, 0, 7, 255}),
        Arguments.of("vbe_i8.npy", new int[] {3, 0, 7, 255}));
  }

  @ParameterizedTest
  @MethodSource("numpyFiles")
  void readsEveryIntegerWidthNumpyWrites(String name, int[] expected) {
    IntColumn column = Npy.readIntColumn(NpyTest.resource(name), "labels");
    assertThat(column.size()).isEqualTo(4);
    assertThat(column.toArray()).containsExactly(expected);
    assertThat(column.min()).isEqualTo(expected[2] < 0 ? expected[2] : 0);
    assertThat(column.max()).isEqualTo(expected[3]);
    assertThat(Npy.readInts(NpyTest.resource(name), "labels")).containsExactly(expected);
    assertThat(new Xxh3Fingerprinter().ints(column)).isEqualTo(new Xxh3Fingerprinter().ints(IntColumn.of(expected)));
  }

  @Test
  void readsAcrossMappedChunks() throws IOException {
    int[] values = new int[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i * 37) % 1001 - 500;
    }
    Path file = tmp.resolve("v.npy");
    Npy.writeInt32(file, values);
    IntColumn column = Npy.read(file, 100).asIntColumn("groups"); // 25 rows per mapping
    assertThat(column.toArray()).containsExactly(values);
    int[] part = new int[60];
    column.copyTo(490, 60, part, 0);
    for (int i = 0; i < 60; i++) {
      assertThat(part[i]).isEqualTo(values[490 + i]);
    }
    assertThat(column.min()).isEqualTo(-500);
    assertThat(column.max()).isEqualTo(500);
    assertThat(column.firstRowOutside(-500, 501)).isEqualTo(-1);
    int firstAbove400 = 0;
    while (values[firstAbove400] <= 400) {
      firstAbove400++;
    }
    assertThat(column.firstRowOutside(-500, 401)).isEqualTo(firstAbove400).isPositive();
    assertThatThrownBy(() -> column.get(1000)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> column.copyTo(990, 11, new int[11], 0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void readsOneByteAndEightByteValuesAcrossMappedChunks() throws IOException {
    int[] values = new int[777];
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i * 37) % 256;
      bytes[i] = (byte) values[i];
    }
    Path u1 = tmp.resolve("u1.npy");
    Path i8 = tmp.resolve("i8.npy");
    Npy.writeUint8(u1, bytes, new long[] {values.length});
    Npy.writeInt64(i8, values);
    for (NpyArray array : new NpyArray[] {Npy.read(u1, 50), Npy.read(i8, 64)}) {
      IntColumn column = array.asIntColumn("labels");
      assertThat(column.toArray()).as(array.toString()).containsExactly(values);
      for (int row = 0; row < values.length; row += 97) {
        assertThat(column.get(row)).isEqualTo(values[row]);
      }
      assertThat(column.max()).isEqualTo(255);
    }
  }

  @Test
  void refusesOnOpeningAValueBeyondAnIntNamingFileAndRow() {
    Path file = NpyTest.resource("big_i8.npy");
    assertThatThrownBy(() -> Npy.readIntColumn(file, "source labels"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("source labels in " + file)
        .hasMessageContaining("value 1099511627776 at row 1 does not fit an int");
  }

  @Test
  void refusesFloatsAndMatrices() {
    assertThatThrownBy(() -> Npy.readIntColumn(NpyTest.resource("mle_f4.npy"), "source groups"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("source groups", "must be an integer array");
  }

  @Test
  void aNegativeLabelInAFileNamesTheFileAndRow() {
    Path file = NpyTest.resource("v_i1.npy");
    assertThatThrownBy(() -> SourceData.ofLabels(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("label -7 at row 2 of labels from " + file + " is out of range");
  }

  /**
   * The no-copy property: opening 8 million uint8 labels as a source allocates a few kilobytes on
   * the heap (the header, the views), not the 32 MB an int[] took, nor its clone.
   */
  @Test
  void labelsFromAFileAreNotCopiedOntoTheHeap() throws IOException {
    int n = 8_000_000;
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) (i % 200);
    }
    Path file = tmp.resolve("labels.npy");
    Npy.writeUint8(file, bytes, new long[] {n});
    bytes = null;
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()).isTrue();
    SourceData.ofLabels(NpyTest.resource("v_u1.npy")); // loads the classes on the way once

    long before = threads.getCurrentThreadAllocatedBytes();
    SourceData source = SourceData.ofLabels(file);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    IntColumn labels = source.labels().orElseThrow();
    assertThat(labels.size()).isEqualTo(n);
    assertThat(labels.get(n - 1)).isEqualTo((n - 1) % 200);
    assertThat(labels.max()).isEqualTo(199);
    assertThat(allocated).as("bytes allocated opening %s labels", n).isLessThan(1 << 20);
  }
}
