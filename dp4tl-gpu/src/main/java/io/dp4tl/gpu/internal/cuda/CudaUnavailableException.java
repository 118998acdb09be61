package io.dp4tl.gpu.internal.cuda;

/**
 * CUDA cannot be used here: a library is missing, no device is present, or the device is too old.
 * Not an error: the accelerator reports it once and hands its work to the CPU.
 */
public final class CudaUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param reason one line saying what is missing and what was tried */
  public CudaUnavailableException(String reason) {
    super(reason);
  }
}
