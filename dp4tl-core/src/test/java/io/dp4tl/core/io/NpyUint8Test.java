package io.dp4tl.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyUint8Test {
  @Test
  void writesAndReadsBackAThreeDimensionalUint8Array(@TempDir Path dir) throws Exception {
    byte[] data = new byte[2 * 3 * 4];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 11);
    }
    Path f = dir.resolve("u8.npy");
    Npy.writeUint8(f, data, new long[] {2, 3, 4});
    NpyArray a = Npy.read(f);
    assertThat(a.shape()).containsExactly(2, 3, 4);
    assertThat(a.dtype()).isEqualTo(NpyDtype.UINT8);
    byte[] back = new byte[7];
    a.copyUint8("images", 10, back, 1, 6);
    assertThat(back).containsExactly(0, 110, 121, (byte) 132, (byte) 143, (byte) 154, (byte) 165);
    assertThatThrownBy(() -> a.copyUint8("images", 20, back, 0, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Npy.writeUint8(f, data, new long[] {5})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copyUint8RefusesOtherTypes(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("i4.npy");
    Npy.writeInt32(f, new int[] {1, 2});
    assertThatThrownBy(() -> Npy.read(f).copyUint8("labels", 0, new byte[2], 0, 2))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be uint8");
  }
}
