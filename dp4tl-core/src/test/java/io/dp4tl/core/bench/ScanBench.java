package io.dp4tl.core.bench;

import io.dp4tl.core.accel.internal.BestTwoScan;
import io.dp4tl.core.accel.internal.GemmNearest;
import io.dp4tl.core.accel.internal.ScalarBestTwo;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Benchmark (not a test): the nearest-centroid scan alone, scalar against {@link
 * BestTwoScan#fastest()} (the Vector API scan when the JVM has {@code jdk.incubator.vector}), over
 * one centroid-major GEMM output of {@code GemmNearest}'s shape kept in cache, folded as often as
 * {@code rows} rows need. Prints the best time of several runs of each, their ratio, and a
 * checksum of the indices (equal when both give the same answers).
 *
 * <p>Usage: {@code ScanBench [rows=200000] [centroids=1000] [runs=5]}
 */
public final class ScanBench {
  private ScanBench() {}

  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int m = GemmNearest.ROWS;
    SplittableRandom random = new SplittableRandom(1);
    float[] products = new float[m * n];
    for (int i = 0; i < products.length; i++) {
      products[i] = (float) (random.nextDouble() * 10 - 5);
    }
    float[] norms = new float[n];
    for (int c = 0; c < n; c++) {
      norms[c] = (float) random.nextDouble() * 10;
    }
    BestTwoScan[] scans = {new ScalarBestTwo(), BestTwoScan.fastest()};
    double[] best = new double[2];
    long[] checksum = new long[2];
    for (int s = 0; s < 2; s++) {
      best[s] = Double.MAX_VALUE;
      for (int r = 0; r < runs; r++) {
        float[] b = new float[m];
        float[] second = new float[m];
        int[] index = new int[m];
        long sum = 0;
        long t0 = System.nanoTime();
        for (int done = 0; done < rows; done += m) {
          Arrays.fill(b, Float.POSITIVE_INFINITY);
          Arrays.fill(second, Float.POSITIVE_INFINITY);
          Arrays.fill(index, -1);
          scans[s].fold(products, m, n, norms, 0, b, second, index, 0);
          sum += index[(done / m) % m];
        }
        best[s] = Math.min(best[s], (System.nanoTime() - t0) / 1e6);
        checksum[s] = sum;
      }
    }
    System.out.printf("scan.rows %d x %d centroids, GEMM pieces of %d rows%n", rows, n, m);
    System.out.printf("scan.scalar_ms %.1f%n", best[0]);
    System.out.printf("scan.fastest_ms %.1f (%s)%n", best[1], scans[1].description());
    System.out.printf("scan.ratio %.2fx%n", best[1] / best[0]);
    System.out.printf("scan.checksums %d %d%n", checksum[0], checksum[1]);
  }
}
