package io.dp4tl.core.accel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BestTwoScanTest {

  @ParameterizedTest
  @CsvSource({"1, 5", "15, 40", "16, 3", "128, 1000", "100, 257", "37, 1"})
  void theFastestScanGivesTheScalarScansBits(int m, int n) {
    assertSameBits(BestTwoScan.fastest(), m, n);
  }

  @ParameterizedTest
  @CsvSource({"128, 1000", "100, 257"})
  void theVectorScanIsChosenWhereTheModuleIsPresent(int m, int n) {
    assumeTrue(Runtime.version().feature() >= 22
        && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
        "Java 22+ started with --add-modules jdk.incubator.vector");
    BestTwoScan scan = BestTwoScan.fastest();
    assertThat(scan.getClass().getName()).isEqualTo(FastestScan.VECTOR);
    assertSameBits(scan, m, n);
  }

  /**
   * Products on a coarse grid (many exact ties) with NaN, infinities and signed zeros, folded in two
   * tiles into rows starting at an offset, from a state that already holds earlier tiles.
   */
  private static void assertSameBits(BestTwoScan scan, int m, int n) {
    SplittableRandom random = new SplittableRandom(m * 1_000L + n);
    float[] products = new float[m * n];
    float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f};
    for (int i = 0; i < products.length; i++) {
      products[i] = random.nextInt(40) == 0 ? special[random.nextInt(special.length)] : random.nextInt(9) - 4;
    }
    float[] norms = new float[n + 3];
    for (int c = 0; c < norms.length; c++) {
      norms[c] = random.nextInt(5) == 0 ? -0f : random.nextInt(4);
    }
    int row0 = 5;
    int rows = row0 + m;
    float[][] best = new float[2][rows];
    float[][] second = new float[2][rows];
    int[][] index = new int[2][rows];
    BestTwoScan[] scans = {new ScalarBestTwo(), scan};
    for (int s = 0; s < 2; s++) {
      Arrays.fill(best[s], Float.POSITIVE_INFINITY);
      Arrays.fill(second[s], Float.POSITIVE_INFINITY);
      Arrays.fill(index[s], -1);
      int half = n / 2;
      scans[s].fold(products, m, half, norms, 3, best[s], second[s], index[s], row0);
      float[] rest = Arrays.copyOfRange(products, half * m, n * m);
      scans[s].fold(rest, m, n - half, norms, 3 + half, best[s], second[s], index[s], row0);
    }
    assertThat(bits(best[1])).containsExactly(bits(best[0]));
    assertThat(bits(second[1])).containsExactly(bits(second[0]));
    assertThat(index[1]).containsExactly(index[0]);
    assertThat(Arrays.copyOf(index[0], row0)).containsOnly(-1);
    assertThat(Arrays.stream(index[0]).max().getAsInt()).isGreaterThanOrEqualTo(3);
  }

  private static int[] bits(float[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Float.floatToRawIntBits(values[i]);
    }
    return out;
  }
}
