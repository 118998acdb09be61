package io.dp4tl.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyTest {
  @TempDir Path tmp;

  static Path resource(String name) {
    try {
      return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mle_f2.npy", "mbe_f2.npy", "mle_f4.npy", "mbe_f4.npy", "mle_f8.npy", "mbe_f8.npy"})
  void readsFloatMatricesWrittenByNumpy(String name) {
    FloatMatrix m = Npy.readMatrix(resource(name), "test matrix");
    assertThat(m.rows()).isEqualTo(3);
    assertThat(m.cols()).isEqualTo(4);
    float[] all = new float[12];
    m.copyRows(0, 3, all, 0);
    for (int i = 0; i < 12; i++) {
      assertThat(all[i]).isEqualTo(i / 4f - 1);
    }
    assertThat(m.get(2, 3)).isEqualTo(11 / 4f - 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mle_f4.npy", "mbe_f4.npy", "mle_f2.npy"})
  void fingerprintsLikeAHeapMatrixOfTheSameValues(String name) {
    FloatMatrix mapped = Npy.readMatrix(resource(name), "test matrix");
    float[] all = new float[12];
    mapped.copyRows(0, 3, all, 0);
    assertThat(mapped.sha256()).isEqualTo(FloatMatrix.of(all, 3, 4).sha256());
  }

  @ParameterizedTest
  @ValueSource(strings = {"vle_i4.npy", "vbe_i4.npy", "vle_i8.npy", "vbe_i8.npy", "v_u1.npy"})
  void readsIntegerVectorsWrittenByNumpy(String name) {
    assertThat(Npy.readInts(resource(name), "labels")).containsExactly(3, 0, 7, 255);
  }

  @Test
  void roundTripsWhatItWrites() throws Exception {
    Path ints = tmp.resolve("k.npy");
    Npy.writeInt64(ints, new int[] {0, 5, 9});
    NpyArray a = Npy.read(ints);
    assertThat(a.dtype()).isEqualTo(NpyDtype.INT64);
    assertThat(a.toIntArray("k")).containsExactly(0, 5, 9);
    assertThat(Files.size(ints) % 64).isEqualTo(24 % 64); // 64-byte aligned header + 3 int64

    Path floats = tmp.resolve("f.npy");
    Npy.writeFloat32(floats, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertThat(Npy.readMatrix(floats, "f").get(1, 2)).isEqualTo(6f);
    assertThat(tmp.toFile().list()).containsExactlyInAnyOrder("k.npy", "f.npy");
  }

  @Test
  void writesArraysLongerThanOneChunkIntact() throws Exception {
    int n = 150_001; // more than two of the writer's 65,536-element chunks, the last one partial
    int[] ints = new int[n];
    float[] floats = new float[n];
    for (int i = 0; i < n; i++) {
      ints[i] = i * 7 - 3;
      floats[i] = i * 0.5f - 1;
    }
    Npy.writeInt64(tmp.resolve("l.npy"), ints);
    Npy.writeInt32(tmp.resolve("i.npy"), ints);
    Npy.writeFloat32(tmp.resolve("f.npy"), floats);
    Npy.writeFloat32(tmp.resolve("m.npy"), floats, n, 1);
    assertThat(Npy.readInts(tmp.resolve("l.npy"), "l")).containsExactly(ints);
    assertThat(Npy.readInts(tmp.resolve("i.npy"), "i")).containsExactly(ints);
    FloatMatrix m = Npy.readMatrix(tmp.resolve("m.npy"), "m");
    assertThat(m.get(n - 1, 0)).isEqualTo(floats[n - 1]);
    assertThat(m.get(65_536, 0)).isEqualTo(floats[65_536]);
    assertThat(Files.size(tmp.resolve("f.npy"))).isEqualTo(Files.size(tmp.resolve("i.npy")));
  }

  @Test
  void writtenFilesGetTheSamePermissionsAsAnyNewFile() throws Exception {
    Path written = tmp.resolve("k.npy");
    Npy.writeInt64(written, new int[] {1});
    Path plain = Files.createFile(tmp.resolve("plain"));
    assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(plain));
  }

  @Test
  void roundTripsFloat64VectorsExactly() throws Exception {
    double[] values = {0.1, -1e300, Double.NEGATIVE_INFINITY, 7};
    Path file = tmp.resolve("d.npy");
    Npy.writeFloat64(file, values);
    assertThat(Npy.read(file).dtype()).isEqualTo(NpyDtype.FLOAT64);
    assertThat(Npy.read(file).toDoubleArray("scores")).containsExactly(values);
    assertThatThrownBy(() -> Npy.read(resource("vle_i8.npy")).toDoubleArray("scores"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("scores")
        .hasMessageContaining("float");
    assertThatThrownBy(() -> Npy.read(resource("mle_f4.npy")).toDoubleArray("scores"))
        .hasMessageContaining("must be 1-D");
  }

  @Test
  void refusesFortranOrderWithAFix() {
    assertThatThrownBy(() -> Npy.read(resource("fortran.npy")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Fortran order")
        .hasMessageContaining("ascontiguousarray");
  }

  @Test
  void refusesObjectArrays() {
    assertThatThrownBy(() -> Npy.read(resource("object.npy")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("object arrays");
  }

  @Test
  void refusesTruncatedGarbageAndMissingFiles() {
    assertThatThrownBy(() -> Npy.read(resource("truncated.npy"))).hasMessageContaining("truncated data");
    assertThatThrownBy(() -> Npy.read(resource("garbage.npy"))).hasMessageContaining("not an .npy file");
    assertThatThrownBy(() -> Npy.read(tmp.resolve("nope.npy")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no such file");
  }

  @Test
  void refusesWrongKindOrRank() {
    assertThatThrownBy(() -> Npy.readInts(resource("mle_f4.npy"), "source labels"))
        .hasMessageContaining("source labels")
        .hasMessageContaining("integer");
    assertThatThrownBy(() -> Npy.readMatrix(resource("vle_i8.npy"), "target logits"))
        .hasMessageContaining("target logits")
        .hasMessageContaining("float");
    assertThatThrownBy(() -> Npy.readInts(resource("big_i8.npy"), "labels"))
        .hasMessageContaining("row 1")
        .hasMessageContaining("does not fit");
  }
}
