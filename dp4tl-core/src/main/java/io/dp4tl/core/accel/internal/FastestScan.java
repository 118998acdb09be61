package io.dp4tl.core.accel.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses {@link BestTwoScan#fastest()} once, on first use: the Vector API scan (dp4tl-core's Java
 * 22 part, found by name) when Java is 22+ and the boot layer has {@value #MODULE}, else the scalar
 * scan; one log line says which and, for the scalar one, how to get the other.
 */
final class FastestScan {
  static final String MODULE = "jdk.incubator.vector";
  static final String VECTOR = "io.dp4tl.core.accel.internal.vector.VectorBestTwo";
  static final BestTwoScan SCAN = choose();

  private FastestScan() {}

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
