package io.dp4tl.gpu.internal.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.dp4tl.gpu.CudaException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * The CUDA driver API ({@code libcuda.so.1}) through the Foreign Function API: the calls dp4tl
 * needs, each checked, a failure raising {@link CudaException} with the driver's error name and
 * description. Pointers to device memory ({@code CUdeviceptr}) are {@code long}s; handles
 * (contexts, streams, modules, functions) are {@link MemorySegment} addresses.
 */
public final class Driver {
  /** {@code CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT}. */
  public static final int ATTRIBUTE_MULTIPROCESSORS = 16;
  /** {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR}. */
  public static final int ATTRIBUTE_CC_MAJOR = 75;
  /** {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR}. */
  public static final int ATTRIBUTE_CC_MINOR = 76;
  /** {@code CUDA_ERROR_NO_DEVICE}. */
  public static final int ERROR_NO_DEVICE = 100;

  private static final int STREAM_NON_BLOCKING = 1;

  static final Binding INIT = new Binding("cuInit", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  static final Binding DRIVER_VERSION = new Binding("cuDriverGetVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  static final Binding DEVICE_COUNT = new Binding("cuDeviceGetCount", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  static final Binding DEVICE_GET = new Binding("cuDeviceGet", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  static final Binding DEVICE_NAME =
      new Binding("cuDeviceGetName", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
  static final Binding DEVICE_ATTRIBUTE =
      new Binding("cuDeviceGetAttribute", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
  static final Binding PRIMARY_RETAIN =
      new Binding("cuDevicePrimaryCtxRetain", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  static final Binding PRIMARY_RELEASE =
      new Binding("cuDevicePrimaryCtxRelease_v2", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  static final Binding CTX_SET_CURRENT = new Binding("cuCtxSetCurrent", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  static final Binding MEM_GET_INFO =
      new Binding("cuMemGetInfo_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  static final Binding MEM_ALLOC = new Binding("cuMemAlloc_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
  static final Binding MEM_FREE = new Binding("cuMemFree_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
  static final Binding MEM_HOST_ALLOC =
      new Binding("cuMemHostAlloc", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  static final Binding MEM_FREE_HOST = new Binding("cuMemFreeHost", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  static final Binding COPY_H_TO_D_ASYNC = new Binding(
      "cuMemcpyHtoDAsync_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS));
  static final Binding COPY_D_TO_H_ASYNC = new Binding(
      "cuMemcpyDtoHAsync_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
  static final Binding MEMSET_D32_ASYNC = new Binding(
      "cuMemsetD32Async", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS));
  static final Binding STREAM_CREATE =
      new Binding("cuStreamCreate", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  static final Binding STREAM_DESTROY = new Binding("cuStreamDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  static final Binding STREAM_SYNCHRONIZE =
      new Binding("cuStreamSynchronize", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  static final Binding MODULE_LOAD_DATA =
      new Binding("cuModuleLoadData", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  static final Binding MODULE_UNLOAD = new Binding("cuModuleUnload", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  static final Binding MODULE_GET_FUNCTION =
      new Binding("cuModuleGetFunction", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
  static final Binding LAUNCH_KERNEL = new Binding("cuLaunchKernel", FunctionDescriptor.of(JAVA_INT,
      ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
  static final Binding ERROR_NAME = new Binding("cuGetErrorName", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
  static final Binding ERROR_STRING =
      new Binding("cuGetErrorString", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

  /** Every function bound, for checks against {@code cuda.h}. */
  public static final List<Binding> BINDINGS = List.of(INIT, DRIVER_VERSION, DEVICE_COUNT, DEVICE_GET, DEVICE_NAME,
      DEVICE_ATTRIBUTE, PRIMARY_RETAIN, PRIMARY_RELEASE, CTX_SET_CURRENT, MEM_GET_INFO, MEM_ALLOC, MEM_FREE,
      MEM_HOST_ALLOC, MEM_FREE_HOST, COPY_H_TO_D_ASYNC, COPY_D_TO_H_ASYNC, MEMSET_D32_ASYNC, STREAM_CREATE,
      STREAM_DESTROY, STREAM_SYNCHRONIZE, MODULE_LOAD_DATA, MODULE_UNLOAD, MODULE_GET_FUNCTION, LAUNCH_KERNEL, ERROR_NAME, ERROR_STRING);

  private final MethodHandle[] handles;

  private Driver(MethodHandle[] handles) {
    this.handles = handles;
  }

  /**
   * Binds every function of the loaded driver library.
   *
   * @throws CudaUnavailableException if the library lacks one (a driver older than CUDA 12)
   */
  public static Driver bind(NativeLibrary library) throws CudaUnavailableException {
    MethodHandle[] handles = new MethodHandle[BINDINGS.size()];
    for (int i = 0; i < handles.length; i++) {
      handles[i] = BINDINGS.get(i).bind(library.lookup(), library.origin());
    }
    return new Driver(handles);
  }

  private MethodHandle h(Binding binding) {
    return handles[BINDINGS.indexOf(binding)];
  }

  /** {@code cuInit(0)}; returns the status (no device is a status, not an error, for the probe). */
  public int init() {
    try {
      return (int) h(INIT).invokeExact(0);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** The installed driver's CUDA version, e.g. 13000 for 13.0. */
  public int driverVersion() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_INT);
      check("cuDriverGetVersion", (int) h(DRIVER_VERSION).invokeExact(out));
      return out.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Number of CUDA devices. */
  public int deviceCount() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_INT);
      check("cuDeviceGetCount", (int) h(DEVICE_COUNT).invokeExact(out));
      return out.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** The device handle of an ordinal. */
  public int device(int ordinal) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_INT);
      check("cuDeviceGet", (int) h(DEVICE_GET).invokeExact(out, ordinal));
      return out.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** The device's marketing name. */
  public String deviceName(int device) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(256);
      check("cuDeviceGetName", (int) h(DEVICE_NAME).invokeExact(out, 256, device));
      return out.getString(0);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** A {@code CU_DEVICE_ATTRIBUTE_*} value. */
  public int attribute(int attribute, int device) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_INT);
      check("cuDeviceGetAttribute", (int) h(DEVICE_ATTRIBUTE).invokeExact(out, attribute, device));
      return out.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Retains the device's primary context (shared with other CUDA users of the process). */
  public MemorySegment retainPrimaryContext(int device) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      check("cuDevicePrimaryCtxRetain", (int) h(PRIMARY_RETAIN).invokeExact(out, device));
      return out.get(ADDRESS, 0);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Releases a retain of the device's primary context. */
  public void releasePrimaryContext(int device) {
    try {
      check("cuDevicePrimaryCtxRelease_v2", (int) h(PRIMARY_RELEASE).invokeExact(device));
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Makes the context current on the calling thread. */
  public void setCurrent(MemorySegment context) {
    try {
      check("cuCtxSetCurrent", (int) h(CTX_SET_CURRENT).invokeExact(context));
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Free and total device memory, in bytes. */
  public MemoryInfo memoryInfo() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment free = arena.allocate(JAVA_LONG);
      MemorySegment total = arena.allocate(JAVA_LONG);
      check("cuMemGetInfo_v2", (int) h(MEM_GET_INFO).invokeExact(free, total));
      return new MemoryInfo(free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0));
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Allocates device memory; returns its address. */
  public long alloc(long bytes) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_LONG);
      check("cuMemAlloc_v2", (int) h(MEM_ALLOC).invokeExact(out, bytes));
      return out.get(JAVA_LONG, 0);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Frees device memory. */
  public void free(long pointer) {
    try {
      check("cuMemFree_v2", (int) h(MEM_FREE).invokeExact(pointer));
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Allocates page-locked host memory, usable for asynchronous copies. */
  public MemorySegment hostAlloc(long bytes) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      check("cuMemHostAlloc", (int) h(MEM_HOST_ALLOC).invokeExact(out, bytes, 0));
      return out.get(ADDRESS, 0).reinterpret(bytes);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Frees page-locked host memory. */
  public void freeHost(MemorySegment memory) {
    try {
      check("cuMemFreeHost", (int) h(MEM_FREE_HOST).invokeExact(memory));
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Host to device copy, asynchronous on the stream. */
  public void copyToDevice(long dst, MemorySegment src, long bytes, MemorySegment stream) {
    try {
      check("cuMemcpyHtoDAsync_v2", (int) h(COPY_H_TO_D_ASYNC).invokeExact(dst, src, bytes, stream));
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Device to host copy, asynchronous on the stream. */
  public void copyToHost(MemorySegment dst, long src, long bytes, MemorySegment stream) {
    try {
      check("cuMemcpyDtoHAsync_v2", (int) h(COPY_D_TO_H_ASYNC).invokeExact(dst, src, bytes, stream));
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Fills {@code count} 32-bit words with a value, asynchronously on the stream. */
  public void fill32(long dst, int value, long count, MemorySegment stream) {
    try {
      check("cuMemsetD32Async", (int) h(MEMSET_D32_ASYNC).invokeExact(dst, value, count, stream));
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** A stream that does not synchronise with the legacy default stream. */
  public MemorySegment streamCreate() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      check("cuStreamCreate", (int) h(STREAM_CREATE).invokeExact(out, STREAM_NON_BLOCKING));
      return out.get(ADDRESS, 0);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Destroys a stream. */
  public void streamDestroy(MemorySegment stream) {
    try {
      check("cuStreamDestroy_v2", (int) h(STREAM_DESTROY).invokeExact(stream));
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Waits for everything queued on the stream. */
  public void synchronize(MemorySegment stream) {
    try {
      check("cuStreamSynchronize", (int) h(STREAM_SYNCHRONIZE).invokeExact(stream));
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Loads a module from a CUBIN or PTX image. */
  public MemorySegment moduleLoad(byte[] image) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment data = arena.allocate(image.length + 1L);
      MemorySegment.copy(image, 0, data, JAVA_BYTE, 0, image.length);
      MemorySegment out = arena.allocate(ADDRESS);
      check("cuModuleLoadData", (int) h(MODULE_LOAD_DATA).invokeExact(out, data));
      return out.get(ADDRESS, 0);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Unloads a module. */
  public void moduleUnload(MemorySegment module) {
    try {
      check("cuModuleUnload", (int) h(MODULE_UNLOAD).invokeExact(module));
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** A kernel of a loaded module. */
  public MemorySegment function(MemorySegment module, String name) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      check("cuModuleGetFunction(" + name + ")",
          (int) h(MODULE_GET_FUNCTION).invokeExact(out, module, arena.allocateFrom(name)));
      return out.get(ADDRESS, 0);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /**
   * Launches a kernel (1-D grid and block).
   *
   * @param params {@code void*[]} of pointers to the argument values
   */
  public void launch(String name, MemorySegment function, int grid, int block, int sharedBytes, MemorySegment stream,
      MemorySegment params) {
    try {
      check("cuLaunchKernel(" + name + ")", (int) h(LAUNCH_KERNEL).invokeExact(function, grid, 1, 1, block, 1, 1,
          sharedBytes, stream, params, MemorySegment.NULL));
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /**
   * Raises the driver's error for a failed call.
   *
   * @throws CudaException if status is not {@code CUDA_SUCCESS}
   */
  public void check(String call, int status) {
    if (status != 0) {
      throw new CudaException(call, status, errorName(status), errorString(status));
    }
  }

  /** {@code cuGetErrorName}, e.g. {@code CUDA_ERROR_OUT_OF_MEMORY}. */
  public String errorName(int status) {
    return describe(ERROR_NAME, status, "CUDA_ERROR_" + status);
  }

  /** {@code cuGetErrorString}, e.g. "out of memory". */
  public String errorString(int status) {
    return describe(ERROR_STRING, status, "unrecognized error code");
  }

  private String describe(Binding binding, int status, String unknown) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      int result = (int) h(binding).invokeExact(status, out);
      MemorySegment text = out.get(ADDRESS, 0);
      return result == 0 && !text.equals(MemorySegment.NULL) ? Natives.string(text) : unknown;
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /**
   * Device memory figures.
   *
   * @param free bytes free
   * @param total bytes on the device
   */
  public record MemoryInfo(long free, long total) {}
}
