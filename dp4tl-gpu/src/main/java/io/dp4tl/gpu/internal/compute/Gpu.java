package io.dp4tl.gpu.internal.compute;

import io.dp4tl.gpu.CudaException;
import io.dp4tl.gpu.CudaOptions;
import io.dp4tl.gpu.internal.cuda.Cublas;
import io.dp4tl.gpu.internal.cuda.CudaUnavailableException;
import io.dp4tl.gpu.internal.cuda.Driver;
import io.dp4tl.gpu.internal.cuda.LibraryLocator;
import io.dp4tl.gpu.internal.cuda.NativeLibrary;
import io.dp4tl.gpu.internal.cuda.Nvrtc;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * One usable CUDA device: the bound libraries, the device's primary context, the compiled kernels,
 * and two streams, each with its own cuBLAS handle (so that copies and compute of consecutive
 * chunks overlap, and each handle's workspace belongs to one stream, which keeps cuBLAS results
 * reproducible). Not thread-safe: callers serialise their work on it.
 */
public final class Gpu implements AutoCloseable {
  /** Oldest compute capability supported ({@code __match_any_sync} needs Volta). */
  static final int MIN_CAPABILITY = 70;

  private final Driver driver;
  private final Cublas cublas;
  private final int device;
  private final MemorySegment context;
  private final KernelModule kernels;
  private final MemorySegment[] streams;
  private final MemorySegment[] blasHandles;
  private final boolean allowTf32;
  private final long rowMemoryLimit;
  private final String description;

  private Gpu(Driver driver, Cublas cublas, int device, MemorySegment context, KernelModule kernels,
      MemorySegment[] streams, MemorySegment[] blasHandles, CudaOptions options, String description) {
    this.driver = driver;
    this.cublas = cublas;
    this.device = device;
    this.context = context;
    this.kernels = kernels;
    this.streams = streams;
    this.blasHandles = blasHandles;
    this.allowTf32 = options.allowTf32();
    this.rowMemoryLimit = options.rowMemoryLimit();
    this.description = description;
  }

  /**
   * Finds the libraries and the device, and prepares it.
   *
   * @throws CudaUnavailableException if a library, the device or a supported architecture is
   *     missing, or the device cannot be set up; the message says which and what was tried
   */
  public static Gpu open(CudaOptions options) throws CudaUnavailableException {
    LibraryLocator locator = new LibraryLocator(options.libraryPath(), options.searchDefaultLocations());
    Driver driver = Driver.bind(locator.load("CUDA driver", List.of("libcuda.so.1", "libcuda.so"), List.of()));
    int status = driver.init();
    if (status != 0) {
      throw new CudaUnavailableException(status == Driver.ERROR_NO_DEVICE
          ? "no CUDA device (cuInit: " + driver.errorName(status) + ")"
          : "cuInit failed: " + driver.errorName(status) + " (" + driver.errorString(status) + ")");
    }
    int count = driver.deviceCount();
    if (count == 0) {
      throw new CudaUnavailableException("no CUDA device");
    }
    if (options.device() >= count) {
      throw new CudaUnavailableException(
          "CUDA device " + options.device() + " was asked for, but there are only " + count);
    }
    int device = driver.device(options.device());
    int capability = driver.attribute(Driver.ATTRIBUTE_CC_MAJOR, device) * 10
        + driver.attribute(Driver.ATTRIBUTE_CC_MINOR, device);
    String name = driver.deviceName(device);
    if (capability < MIN_CAPABILITY) {
      throw new CudaUnavailableException(name + " has compute capability " + capability / 10 + "." + capability % 10
          + "; dp4tl needs " + MIN_CAPABILITY / 10 + "." + MIN_CAPABILITY % 10 + " or later");
    }
    NativeLibrary nvrtcLibrary = locator.load("NVRTC", Nvrtc.FILE_NAMES, Nvrtc.COMPANIONS);
    Nvrtc nvrtc = Nvrtc.bind(nvrtcLibrary);
    NativeLibrary cublasLibrary = locator.load("cuBLAS", Cublas.FILE_NAMES, Cublas.COMPANIONS);
    Cublas cublas = Cublas.bind(cublasLibrary);
    MemorySegment context = driver.retainPrimaryContext(device);
    MemorySegment[] streams = new MemorySegment[2];
    MemorySegment[] handles = new MemorySegment[2];
    KernelModule kernels = null;
    try {
      driver.setCurrent(context);
      kernels = KernelModule.load(driver, nvrtc, capability);
      for (int s = 0; s < 2; s++) {
        streams[s] = driver.streamCreate();
        handles[s] = cublas.create();
        cublas.setStream(handles[s], streams[s]);
        cublas.setMathMode(handles[s], options.allowTf32() ? Cublas.TF32_TENSOR_OP_MATH : Cublas.DEFAULT_MATH);
      }
      String description = name + " (device " + options.device() + ", sm_" + capability + ", "
          + driver.attribute(Driver.ATTRIBUTE_MULTIPROCESSORS, device) + " SMs, driver "
          + KernelModule.version(driver.driverVersion()) + ", NVRTC " + KernelModule.version(nvrtc.version())
          + " [" + nvrtcLibrary.origin() + "], cuBLAS " + cublas.version(handles[0]) + " [" + cublasLibrary.origin()
          + "], kernels " + kernels.target() + (options.allowTf32() ? ", TF32 allowed" : "") + ")";
      return new Gpu(driver, cublas, device, context, kernels, streams, handles, options, description);
    } catch (CudaException | CudaUnavailableException e) {
      release(driver, cublas, device, kernels, streams, handles);
      if (e instanceof CudaUnavailableException unavailable) {
        throw unavailable;
      }
      throw new CudaUnavailableException(name + " could not be set up: " + e.getMessage());
    }
  }

  private static void release(Driver driver, Cublas cublas, int device, KernelModule kernels, MemorySegment[] streams,
      MemorySegment[] handles) {
    for (int s = 0; s < 2; s++) {
      if (handles[s] != null) {
        cublas.destroy(handles[s]);
      }
      if (streams[s] != null) {
        driver.streamDestroy(streams[s]);
      }
    }
    if (kernels != null) {
      kernels.unload();
    }
    driver.releasePrimaryContext(device);
  }

  /** Makes this device's context current on the calling thread; call before any work. */
  public void makeCurrent() {
    driver.setCurrent(context);
  }

  /** Name, architecture and library versions, for logs and reports. */
  public String description() {
    return description;
  }

  /** Whether the distance GEMM may use TF32. */
  public boolean allowTf32() {
    return allowTf32;
  }

  /** Device memory k-means may keep rows in: the configured limit, else 80% of what is free now. */
  long rowMemoryBudget() {
    return rowMemoryLimit > 0 ? rowMemoryLimit : driver.memoryInfo().free() / 10 * 8;
  }

  /** The driver bindings. */
  public Driver driver() {
    return driver;
  }

  /** The cuBLAS bindings. */
  public Cublas cublas() {
    return cublas;
  }

  /** Stream 0 or 1. */
  public MemorySegment stream(int slot) {
    return streams[slot];
  }

  /** The cuBLAS handle bound to stream 0 or 1. */
  public MemorySegment blas(int slot) {
    return blasHandles[slot];
  }

  KernelModule kernels() {
    return kernels;
  }

  /** Waits for both streams. */
  public void synchronize() {
    driver.synchronize(streams[0]);
    driver.synchronize(streams[1]);
  }

  /** Releases the streams, handles, module and the retain of the primary context. */
  @Override
  public void close() {
    makeCurrent();
    release(driver, cublas, device, kernels, streams, blasHandles);
  }
}
