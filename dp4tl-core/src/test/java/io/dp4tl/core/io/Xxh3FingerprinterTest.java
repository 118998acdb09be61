package io.dp4tl.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.spi.Fingerprinter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expected values come from the Python recipe in docs/manifest.md (numpy + the xxhash package),
 * computed once.
 */
class Xxh3FingerprinterTest {
  private final Xxh3Fingerprinter fingerprinter = new Xxh3Fingerprinter();

  @TempDir Path tmp;

  @Test
  void isTheFingerprinterTheApiFinds() {
    assertThat(ServiceLoader.load(Fingerprinter.class).findFirst()).containsInstanceOf(Xxh3Fingerprinter.class);
    assertThat(fingerprinter.algorithm()).isEqualTo("xxh3-128-4m");
  }

  @Test
  void smallMatrixMatchesThePythonRecipe() {
    float[] v = new float[12];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    assertThat(fingerprinter.matrix(FloatMatrix.of(v, 3, 4), 1)).isEqualTo("619c0413614bc58eeab182d2e00ff57e");
    assertThat(fingerprinter.matrix(FloatMatrix.of(new float[0], 0, 5), 2))
        .isEqualTo("a17dc12a22410caa2fb8880f1c7827ca");
  }

  @Test
  void chunkedMatrixIsTheSameOnHeapMappedAndSplitMappingsForAnyThreadCount() throws IOException {
    float[] v = new float[3000 * 700]; // 3 chunks of 1,497 rows
    for (int i = 0; i < v.length; i++) {
      v[i] = (i * 7919L % 10007) / 13f;
    }
    Path file = tmp.resolve("big.npy");
    Npy.writeFloat32(file, v, 3000, 700);
    String expected = "43b8f49aaf2060239a6aab764af8f033";
    FloatMatrix heap = FloatMatrix.of(v, 3000, 700);
    FloatMatrix mapped = Npy.read(file).asFloatMatrix("big");
    FloatMatrix split = Npy.read(file, 1000 * 700 * 4).asFloatMatrix("big"); // mappings of 1,000 rows
    for (int threads : new int[] {1, 2, 5}) {
      assertThat(fingerprinter.matrix(heap, threads)).as("heap, %s threads", threads).isEqualTo(expected);
      assertThat(fingerprinter.matrix(mapped, threads)).as("mapped, %s threads", threads).isEqualTo(expected);
      assertThat(fingerprinter.matrix(split, threads)).as("split, %s threads", threads).isEqualTo(expected);
    }
  }

  @Test
  void intsMatchThePythonRecipe() {
    assertThat(fingerprinter.ints(IntColumn.of(3, 1, 2))).isEqualTo("2323185def33f4d4d1d92e9180b6ff2a");
    int[] many = new int[(1 << 20) + 5]; // two chunks
    for (int i = 0; i < many.length; i++) {
      many[i] = (int) (i * 7919L % 10007) - 5000;
    }
    assertThat(fingerprinter.ints(IntColumn.of(many))).isEqualTo("666b841d91e68004218bf08fff13c589");
  }

  @Test
  void differentShapeOrValueGivesADifferentFingerprint() {
    String a = fingerprinter.matrix(FloatMatrix.of(new float[] {1, 2, 3, 4}, 2, 2), 1);
    assertThat(fingerprinter.matrix(FloatMatrix.of(new float[] {1, 2, 3, 4}, 1, 4), 1)).isNotEqualTo(a);
    assertThat(fingerprinter.matrix(FloatMatrix.of(new float[] {1, 2, 3, 5}, 2, 2), 1)).isNotEqualTo(a);
  }
}
