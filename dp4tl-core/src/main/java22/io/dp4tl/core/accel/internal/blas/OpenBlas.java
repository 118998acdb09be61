package io.dp4tl.core.accel.internal.blas;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.dp4tl.core.accel.internal.Sgemm;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * OpenBLAS's {@code cblas_sgemm} through the Foreign Function API (Java 22+, the
 * {@code META-INF/versions/22} part of dp4tl-core's jar), found by {@code NativeBlas} by name.
 * The heap arrays are passed straight to BLAS (a critical downcall: no copy); OpenBLAS is told to
 * use one thread, since dp4tl already runs one block per worker thread. OpenBLAS built without
 * threading ({@code SINGLE_THREADED}, e.g. Debian's libopenblas0-serial) is not safe to call from
 * several threads at once (measured: wrong products now and then), so its calls are serialised.
 */
public final class OpenBlas implements Sgemm {
  /**
   * Libraries tried when no path is given: Debian's threaded builds (safe for concurrent calls),
   * the system loader's name, then Debian's serial builds.
   */
  static final List<String> CANDIDATES = List.of(
      "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
      "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0",
      "libopenblas.so.0",
      "libopenblas.so",
      "/usr/lib/x86_64-linux-gnu/openblas-serial/libopenblas.so.0",
      "/usr/lib/aarch64-linux-gnu/openblas-serial/libopenblas.so.0");
  private static final int ROW_MAJOR = 101;
  private static final int NO_TRANS = 111;
  private static final int TRANS = 112;

  private final MethodHandle sgemm;
  private final String description;
  /** Held around every call of a single-threaded build; null for a threaded one. */
  private final ReentrantLock serial;

  private OpenBlas(MethodHandle sgemm, String description, boolean serialise) {
    this.sgemm = sgemm;
    this.description = description;
    this.serial = serialise ? new ReentrantLock() : null;
  }

  /**
   * Loads the library at {@code path}, or the first of {@link #CANDIDATES} when it is blank.
   *
   * @throws IllegalStateException if none loads or it lacks {@code cblas_sgemm}; the message
   *     lists what was tried
   */
  public static OpenBlas load(String path) {
    List<String> tried = new ArrayList<>();
    for (String name : path.isBlank() ? CANDIDATES : List.of(path)) {
      Optional<SymbolLookup> lookup = open(name, tried);
      if (lookup.isPresent()) {
        return bind(lookup.get(), name);
      }
    }
    throw new IllegalStateException("no BLAS library loads (tried " + String.join(", ", tried) + ")");
  }

  private static Optional<SymbolLookup> open(String name, List<String> tried) {
    try {
      if (name.indexOf('/') >= 0) {
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
          tried.add(name + " (absent)");
          return Optional.empty();
        }
        return Optional.of(SymbolLookup.libraryLookup(file, Arena.global()));
      }
      return Optional.of(SymbolLookup.libraryLookup(name, Arena.global()));
    } catch (IllegalArgumentException e) {
      tried.add(name + " (does not load)");
      return Optional.empty();
    }
  }

  private static OpenBlas bind(SymbolLookup lookup, String name) {
    Linker linker = Linker.nativeLinker();
    MemorySegment symbol = lookup.find("cblas_sgemm")
        .orElseThrow(() -> new IllegalStateException(name + " has no cblas_sgemm"));
    MethodHandle sgemm = linker.downcallHandle(symbol,
        FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_FLOAT, ADDRESS,
            JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT),
        Linker.Option.critical(true));
    lookup.find("openblas_set_num_threads").ifPresent(f -> {
      try {
        linker.downcallHandle(f, FunctionDescriptor.ofVoid(JAVA_INT)).invokeExact(1);
      } catch (Throwable e) {
        throw new IllegalStateException(name + ": openblas_set_num_threads failed", e);
      }
    });
    String config = lookup.find("openblas_get_config").map(f -> {
      try {
        MemorySegment s = (MemorySegment) linker.downcallHandle(f, FunctionDescriptor.of(ADDRESS)).invokeExact();
        return s.reinterpret(256).getString(0);
      } catch (Throwable e) {
        return "";
      }
    }).orElse("");
    boolean serialise = config.contains("SINGLE_THREADED");
    return new OpenBlas(sgemm, name + (config.isEmpty() ? "" : " (" + config.trim() + ")")
        + (serialise ? "; a single-threaded build, so calls are serialised (for parallel calls install the"
            + " threaded build: apt-get install libopenblas0-pthread)" : ""), serialise);
  }

  @Override
  public void multiplyTransposed(int m, int n, int k, float alpha, float[] a, int aOffset, float[] b, int bOffset,
      float[] c) {
    if (serial != null) {
      serial.lock();
    }
    try {
      sgemm.invokeExact(ROW_MAJOR, NO_TRANS, TRANS, m, n, k, alpha,
          MemorySegment.ofArray(a).asSlice((long) aOffset * Float.BYTES), k,
          MemorySegment.ofArray(b).asSlice((long) bOffset * Float.BYTES), k, 0f, MemorySegment.ofArray(c), n);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cblas_sgemm failed", e);
    } finally {
      if (serial != null) {
        serial.unlock();
      }
    }
  }

  @Override
  public String description() {
    return description;
  }
}
