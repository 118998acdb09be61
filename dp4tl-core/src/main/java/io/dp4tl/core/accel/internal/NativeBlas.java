package io.dp4tl.core.accel.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system's BLAS {@code sgemm} for the k-means distance GEMM, when it can be had: on Java 22 or
 * newer, dp4tl-core's multi-release jar carries an OpenBLAS binding through the Foreign Function
 * API ({@code META-INF/versions/22}); on Java 17 to 21, or where no OpenBLAS loads, k-means runs on
 * the Java kernel ({@link NearestKernel}), which gives the same assignments, more slowly. The
 * outcome is logged once.
 *
 * <p>System property {@value #PROPERTY}: {@code off} keeps the Java kernel; a path names the
 * BLAS library to load (it must export {@code cblas_sgemm}).
 */
public final class NativeBlas {
  /** System property choosing the BLAS library, or {@code off}. */
  public static final String PROPERTY = "dp4tl.blas";
  /** Java version of the Foreign Function API binding. */
  static final int FFM_JAVA = 22;
  static final String BINDING = "io.dp4tl.core.accel.internal.blas.OpenBlas";
  static final String HOW =
      "install OpenBLAS (Debian: apt-get install libopenblas0-pthread) and run on Java 22+ with"
          + " --enable-native-access=ALL-UNNAMED (and --add-modules jdk.incubator.vector for the Vector API scan)";
  private static final Logger LOG = LoggerFactory.getLogger(NativeBlas.class);

  private NativeBlas() {}

  /** The BLAS {@code sgemm}, or empty where k-means uses the Java kernel. */
  public static Optional<Sgemm> sgemm() {
    return Holder.SGEMM;
  }

  /** Loads once, on first use. */
  private static final class Holder {
    static final Optional<Sgemm> SGEMM = load();
  }

  private static Optional<Sgemm> load() {
    String setting = System.getProperty(PROPERTY, "").trim();
    if (setting.equalsIgnoreCase("off")) {
      LOG.info("k-means distances on the Java kernel (-D{}=off)", PROPERTY);
      return Optional.empty();
    }
    int java = Runtime.version().feature();
    if (java < FFM_JAVA) {
      LOG.info("k-means distances on the Java kernel: Java {} has no Foreign Function API; for the faster"
          + " BLAS kernel, {}", java, HOW);
      return Optional.empty();
    }
    try {
      Sgemm sgemm = (Sgemm) Class.forName(BINDING).getMethod("load", String.class).invoke(null, setting);
      LOG.info("k-means distances through BLAS: {}", sgemm.description());
      return Optional.of(sgemm);
    } catch (InvocationTargetException e) {
      LOG.info("k-means distances on the Java kernel: {}; for the BLAS kernel, {}", e.getCause().getMessage(), HOW);
    } catch (ClassNotFoundException e) {
      LOG.info("k-means distances on the Java kernel: the BLAS binding is only in dp4tl-core's jar"
          + " (META-INF/versions/{}), not on this class path", FFM_JAVA);
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.info("k-means distances on the Java kernel: the BLAS binding does not load ({})", e.toString());
    }
    return Optional.empty();
  }
}
