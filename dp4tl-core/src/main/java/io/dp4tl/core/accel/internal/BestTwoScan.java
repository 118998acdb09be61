package io.dp4tl.core.accel.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds one distance GEMM's output into each row's best and second-best approximate distance, for
 * {@link GemmNearest}. The output is centroid-major: {@code products[c * m + i]} holds
 * {@code -2 x_i.c} for centroid {@code first + c} and row {@code row0 + i}; the distance is that plus
 * {@code norms[first + c]}. Centroids are taken in ascending order and only a strictly smaller
 * distance replaces the best, so the best's index is the lowest among equal distances; a NaN
 * distance changes nothing. Every implementation gives the same bits.
 *
 * <p>{@link #fastest()} is the Vector API scan ({@code jdk.incubator.vector}, in dp4tl-core's Java 22
 * part) when the JVM was started with {@code --add-modules jdk.incubator.vector}, else the scalar
 * {@link ScalarBestTwo}; one log line says which.
 */
public interface BestTwoScan {

  /**
   * Folds centroids {@code [first, first + n)} into rows {@code [row0, row0 + m)} of best, second
   * and index.
   */
  void fold(float[] products, int m, int n, float[] norms, int first, float[] best, float[] second, int[] index,
      int row0);

  /** What computes it, for log lines. */
  String description();

  /** The Vector API scan where the JVM has it, else the scalar one; chosen and logged once. */
  static BestTwoScan fastest() {
    return Chosen.SCAN;
  }

  /** Chooses on first use. */
  final class Chosen {
    static final String MODULE = "jdk.incubator.vector";
    static final String VECTOR = "io.dp4tl.core.accel.internal.vector.VectorBestTwo";
    static final BestTwoScan SCAN = choose();

    private Chosen() {}

    private static BestTwoScan choose() {
      Logger log = LoggerFactory.getLogger(BestTwoScan.class);
      if (Runtime.version().feature() < NativeBlas.FFM_JAVA || ModuleLayer.boot().findModule(MODULE).isEmpty()) {
        log.info("k-means distance scan in scalar Java; for the Vector API scan, start Java {}+ with"
            + " --add-modules {}", NativeBlas.FFM_JAVA, MODULE);
        return new ScalarBestTwo();
      }
      try {
        BestTwoScan scan = (BestTwoScan) Class.forName(VECTOR).getConstructor().newInstance();
        log.info("k-means distance scan on the Vector API: {}", scan.description());
        return scan;
      } catch (ReflectiveOperationException | LinkageError e) {
        log.info("k-means distance scan in scalar Java: the Vector API scan does not load ({})", e.toString());
        return new ScalarBestTwo();
      }
    }
  }
}
