package io.dp4tl.gpu;

import static java.util.Objects.requireNonNull;

import io.dp4tl.api.Dp4tlException;

/**
 * A CUDA call failed on a device that was found usable: the message names the call (for example
 * {@code cuMemAlloc_v2}, {@code nvrtcCompileProgram}, {@code cublasSgemm_v2}) and the library's own
 * error name and description ({@code cuGetErrorName}/{@code cuGetErrorString},
 * {@code nvrtcGetErrorString}, {@code cublasGetStatusName}).
 */
public class CudaException extends Dp4tlException {
  private static final long serialVersionUID = 1L;

  private final String call;
  private final int code;
  private final String errorName;

  /**
   * @param call the failed function
   * @param code the status it returned
   * @param errorName the status's name
   * @param description what the library says about it, or extra detail such as a compiler log
   */
  public CudaException(String call, int code, String errorName, String description) {
    super(requireNonNull(call, "call") + " failed: " + requireNonNull(errorName, "errorName") + " (" + code + ")"
        + (description.isEmpty() ? "" : ": " + description));
    this.call = call;
    this.code = code;
    this.errorName = errorName;
  }

  /** The failed function, e.g. {@code cuMemAlloc_v2}. */
  public String call() {
    return call;
  }

  /** The numeric status it returned. */
  public int code() {
    return code;
  }

  /** The status's name, e.g. {@code CUDA_ERROR_OUT_OF_MEMORY}. */
  public String errorName() {
    return errorName;
  }
}
