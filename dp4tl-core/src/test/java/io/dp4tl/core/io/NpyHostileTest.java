package io.dp4tl.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile .npy files of issue 12 (cases 3 to 7): refused at once with the file and the reason, or read right. */
class NpyHostileTest {
  @TempDir Path tmp;

  /** An .npy version-1 file with the given header text (padded) and data. */
  static byte[] npy(String header, byte[] data) {
    int total = 10 + header.length() + 1;
    String padded = header + " ".repeat((total + 63) / 64 * 64 - total) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + padded.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) padded.length());
    b.put(padded.getBytes(StandardCharsets.ISO_8859_1)).put(data);
    return b.array();
  }

  /** Case 7: a valid (200, 0) array failed with "Channel not open for writing". */
  @Test
  void readsAZeroWidthMatrix() throws IOException {
    Path file = Files.write(tmp.resolve("empty.npy"),
        npy("{'descr': '<f4', 'fortran_order': False, 'shape': (200, 0), }", new byte[0]));
    FloatMatrix m = Npy.readMatrix(file, "features");
    assertThat(m.rows()).isEqualTo(200);
    assertThat(m.cols()).isZero();
    m.copyRows(0, 200, new float[0], 0);
    assertThat(Npy.read(file).size()).isZero();
  }

  /** Case 7: an overflowing shape also failed with "Channel not open for writing". */
  @Test
  void refusesAShapeWhoseSizeOverflows() throws IOException {
    // 2^61 float64 values: the element count fits 64 bits, the byte count does not.
    Path bytes = Files.write(tmp.resolve("bytes.npy"),
        npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,), }", new byte[0]));
    assertThatThrownBy(() -> Npy.read(bytes))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(bytes + ": shape [2305843009213693952] overflows");
    Path file = Files.write(tmp.resolve("huge.npy"),
        npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }", new byte[0]));
    assertThatThrownBy(() -> Npy.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file + ": shape [4294967296, 4294967296] overflows");
    Path big = Files.write(tmp.resolve("big.npy"),
        npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1048576, 1048576), }", new byte[16]));
    assertThatThrownBy(() -> Npy.read(big))
        .hasMessageContaining("truncated data: expected 8796093022208 bytes");
  }

  /**
   * Cases 4 and 6: header lengths NumPy would refuse were allocated (6.2 GB), or overflowed an int
   * ("capacity < 0"). The files are as long as their headers claim (sparse, no disk used), so only
   * the cap stops the allocation.
   */
  @Test
  void refusesHeadersLongerThanNumpyReads() throws IOException {
    for (long length : new long[] {10_001, (1L << 31) - 64, 1L << 31}) {
      ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
      b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt((int) length);
      Path file = Files.write(tmp.resolve("h.npy"), b.array());
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
        f.setLength(12 + length + 64);
      }
      assertThatThrownBy(() -> Npy.read(file))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("header length " + length + " exceeds 10000 bytes");
    }
  }

  /** Case 3: a FIFO blocked the reader forever; every other non-regular file is refused too. */
  @Test
  void refusesAnythingButARegularFile() throws Exception {
    Path pipe = tmp.resolve("pipe.npy");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
        assertThatThrownBy(() -> Npy.read(pipe))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining(pipe + ": not a regular file"));
    assertThatThrownBy(() -> Npy.read(tmp))
        .hasMessageContaining(tmp + ": a directory; an .npy array must be a regular file");
  }
}
