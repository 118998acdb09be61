package io.dp4tl.gpu.internal.compute;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import com.google.common.hash.Hashing;
import io.dp4tl.gpu.internal.cuda.CudaUnavailableException;
import io.dp4tl.gpu.internal.cuda.Driver;
import io.dp4tl.gpu.internal.cuda.Nvrtc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernels compiled by NVRTC for one device and loaded as a module. Compiled images are cached
 * for the life of the process (keyed by source, target architecture and NVRTC version), so a
 * second accelerator on the same kind of device does not compile again.
 */
final class KernelModule {
  private static final Map<String, byte[]> IMAGES = new ConcurrentHashMap<>();

  private final Driver driver;
  private final MemorySegment module;
  private final Map<Kernel, MemorySegment> functions = new EnumMap<>(Kernel.class);
  private final String target;

  private KernelModule(Driver driver, MemorySegment module, String target) {
    this.driver = driver;
    this.module = module;
    this.target = target;
    for (Kernel kernel : Kernel.values()) {
      functions.put(kernel, driver.function(module, kernel.symbol()));
    }
  }

  /**
   * Compiles (or takes from the cache) and loads the kernels for a device of this compute
   * capability, on the current context: a CUBIN for the device's own architecture when NVRTC
   * knows it, else PTX for the newest virtual architecture below it (the driver finishes it).
   *
   * @param capability compute capability as {@code major * 10 + minor}
   * @throws CudaUnavailableException if NVRTC supports no architecture the device can run
   */
  static KernelModule load(Driver driver, Nvrtc nvrtc, int capability) throws CudaUnavailableException {
    int[] supported = nvrtc.supportedArchitectures();
    int chosen = -1;
    for (int arch : supported) {
      if (arch <= capability) {
        chosen = Math.max(chosen, arch);
      }
    }
    if (chosen < 0) {
      throw new CudaUnavailableException("NVRTC " + version(nvrtc.version()) + " cannot compile for sm_" + capability
          + " (it supports " + java.util.Arrays.toString(supported) + ")");
    }
    boolean cubin = chosen == capability;
    String target = (cubin ? "sm_" : "compute_") + chosen;
    String source = source();
    String key = Hashing.sha256().hashString(source, StandardCharsets.UTF_8) + "/" + target + "/" + nvrtc.version();
    byte[] image = IMAGES.computeIfAbsent(key, k -> nvrtc.compile(source, "dp4tl_kernels.cu",
        List.of("--gpu-architecture=" + target, "--std=c++17"), cubin));
    return new KernelModule(driver, driver.moduleLoad(image), target + (cubin ? " CUBIN" : " PTX"));
  }

  /** The kernels' CUDA C++ source. */
  static String source() {
    try (InputStream in = KernelModule.class.getResourceAsStream(Kernel.SOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + Kernel.SOURCE + " is missing from the dp4tl-gpu jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String version(int version) {
    return version / 1000 + "." + version % 1000 / 10;
  }

  /** What the module was built for, e.g. "sm_90 CUBIN". */
  String target() {
    return target;
  }

  /**
   * Launches a kernel on a 1-D grid.
   *
   * @param args the kernel's arguments in order: {@code Long} for device pointers, {@code Integer},
   *     {@code Float} or {@code Double} for scalars
   */
  void launch(Kernel kernel, int grid, int block, MemorySegment stream, Object... args) {
    if (grid == 0) {
      return;
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment params = arena.allocate(ADDRESS, args.length);
      for (int i = 0; i < args.length; i++) {
        MemorySegment value = switch (args[i]) {
          case Long v -> arena.allocateFrom(JAVA_LONG, v);
          case Integer v -> arena.allocateFrom(JAVA_INT, v);
          case Float v -> arena.allocateFrom(JAVA_FLOAT, v);
          case Double v -> arena.allocateFrom(JAVA_DOUBLE, v);
          default -> throw new IllegalArgumentException("kernel argument of type " + args[i].getClass());
        };
        params.setAtIndex(ADDRESS, i, value);
      }
      driver.launch(kernel.symbol(), functions.get(kernel), grid, block, 0, stream, params);
    }
  }

  /** Unloads the module. */
  void unload() {
    driver.moduleUnload(module);
  }
}
