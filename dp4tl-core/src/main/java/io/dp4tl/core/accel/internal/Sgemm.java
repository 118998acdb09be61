package io.dp4tl.core.accel.internal;

/**
 * Single-precision matrix product of row-major blocks on the heap, as BLAS's {@code sgemm}: the
 * distance GEMM of {@link GemmNearest}. Implementations are safe to call from several threads at
 * once and compute each call on the calling thread.
 */
public interface Sgemm {

  /**
   * {@code c[m x n] = alpha * a[m x k] * b[n x k]^T}, all row-major and dense; {@code a} and
   * {@code b} start at the given offsets (in floats), c at 0, and c is overwritten.
   */
  void multiplyTransposed(int m, int n, int k, float alpha, float[] a, int aOffset, float[] b, int bOffset,
      float[] c);

  /** The library and kernel that computes it, for log lines. */
  String description();
}
