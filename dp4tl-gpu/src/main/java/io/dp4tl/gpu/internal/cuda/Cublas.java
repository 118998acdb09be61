package io.dp4tl.gpu.internal.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.dp4tl.gpu.CudaException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * cuBLAS ({@code libcublas.so}) through the Foreign Function API: handles and single-precision
 * GEMM. A failure raises {@link CudaException} with {@code cublasGetStatusName}.
 */
public final class Cublas {
  /** {@code CUBLAS_OP_N}. */
  public static final int OP_N = 0;
  /** {@code CUBLAS_OP_T}. */
  public static final int OP_T = 1;
  /** {@code CUBLAS_DEFAULT_MATH}: full FP32 arithmetic for SGEMM. */
  public static final int DEFAULT_MATH = 0;
  /** {@code CUBLAS_TF32_TENSOR_OP_MATH}: SGEMM may round inputs to TF32. */
  public static final int TF32_TENSOR_OP_MATH = 3;

  static final Binding CREATE = new Binding("cublasCreate_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  static final Binding DESTROY = new Binding("cublasDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  static final Binding VERSION =
      new Binding("cublasGetVersion_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  static final Binding SET_STREAM =
      new Binding("cublasSetStream_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  static final Binding SET_MATH_MODE =
      new Binding("cublasSetMathMode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  static final Binding SGEMM = new Binding("cublasSgemm_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
      JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS,
      JAVA_INT));
  static final Binding STATUS_NAME = new Binding("cublasGetStatusName", FunctionDescriptor.of(ADDRESS, JAVA_INT));
  static final Binding STATUS_STRING =
      new Binding("cublasGetStatusString", FunctionDescriptor.of(ADDRESS, JAVA_INT));

  /** Every function bound, for checks against {@code cublas_api.h}. */
  public static final List<Binding> BINDINGS =
      List.of(CREATE, DESTROY, VERSION, SET_STREAM, SET_MATH_MODE, SGEMM, STATUS_NAME, STATUS_STRING);

  /** File names tried, newest first. */
  public static final List<String> FILE_NAMES = List.of("libcublas.so.13", "libcublas.so.12", "libcublas.so");

  /** What cuBLAS opens by name, loaded first from the folder where cuBLAS is found. */
  public static final List<String> COMPANIONS = List.of("libcublasLt.so.1[23]");

  private final MethodHandle[] handles;

  private Cublas(MethodHandle[] handles) {
    this.handles = handles;
  }

  /**
   * Binds every function of the loaded library.
   *
   * @throws CudaUnavailableException if the library lacks one (older than cuBLAS 11.4)
   */
  public static Cublas bind(NativeLibrary library) throws CudaUnavailableException {
    MethodHandle[] handles = new MethodHandle[BINDINGS.size()];
    for (int i = 0; i < handles.length; i++) {
      handles[i] = BINDINGS.get(i).bind(library.lookup(), library.origin());
    }
    return new Cublas(handles);
  }

  private MethodHandle h(Binding binding) {
    return handles[BINDINGS.indexOf(binding)];
  }

  /** A new handle on the current context. */
  public MemorySegment create() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      check("cublasCreate_v2", (int) h(CREATE).invokeExact(out));
      return out.get(ADDRESS, 0);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Destroys a handle. */
  public void destroy(MemorySegment handle) {
    try {
      check("cublasDestroy_v2", (int) h(DESTROY).invokeExact(handle));
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** The library's version, e.g. 130101 for 13.1.1. */
  public int version(MemorySegment handle) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_INT);
      check("cublasGetVersion_v2", (int) h(VERSION).invokeExact(handle, out));
      return out.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** Routes the handle's work to a stream. */
  public void setStream(MemorySegment handle, MemorySegment stream) {
    try {
      check("cublasSetStream_v2", (int) h(SET_STREAM).invokeExact(handle, stream));
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** {@link #DEFAULT_MATH} or {@link #TF32_TENSOR_OP_MATH}. */
  public void setMathMode(MemorySegment handle, int mode) {
    try {
      check("cublasSetMathMode", (int) h(SET_MATH_MODE).invokeExact(handle, mode));
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /**
   * {@code C = alpha op(A) op(B) + beta C}, column-major, pointers to device memory; asynchronous
   * on the handle's stream.
   */
  public void sgemm(MemorySegment handle, int transA, int transB, int m, int n, int k, float alpha, long a, int lda,
      long b, int ldb, float beta, long c, int ldc) {
    try (Arena arena = Arena.ofConfined()) {
      int status = (int) h(SGEMM).invokeExact(handle, transA, transB, m, n, k, arena.allocateFrom(JAVA_FLOAT, alpha),
          MemorySegment.ofAddress(a), lda, MemorySegment.ofAddress(b), ldb, arena.allocateFrom(JAVA_FLOAT, beta),
          MemorySegment.ofAddress(c), ldc);
      check("cublasSgemm_v2", status);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  private void check(String call, int status) {
    if (status != 0) {
      throw new CudaException(call, status, statusName(status), statusString(status));
    }
  }

  /** {@code cublasGetStatusName}, e.g. {@code CUBLAS_STATUS_NOT_INITIALIZED}. */
  public String statusName(int status) {
    return text(STATUS_NAME, status);
  }

  /** {@code cublasGetStatusString}, e.g. "the library was not initialized". */
  public String statusString(int status) {
    return text(STATUS_STRING, status);
  }

  private String text(Binding binding, int status) {
    try {
      MemorySegment text = (MemorySegment) h(binding).invokeExact(status);
      return text.equals(MemorySegment.NULL) ? "CUBLAS_STATUS_" + status : Natives.string(text);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }
}
