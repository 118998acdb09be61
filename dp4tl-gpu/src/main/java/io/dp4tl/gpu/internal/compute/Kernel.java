package io.dp4tl.gpu.internal.compute;

/** The kernels of {@code dp4tl_kernels.cu}, by their {@code extern "C"} names. */
public enum Kernel {
  ROW_NORMS("dp4tl_row_norms"),
  ASSIGN("dp4tl_assign"),
  SUM("dp4tl_sum"),
  TILE_COUNTS("dp4tl_tile_counts"),
  TILE_SCAN("dp4tl_tile_scan"),
  SCAN("dp4tl_scan"),
  STABLE_SCATTER("dp4tl_stable_scatter"),
  SEGMENT_SUMS("dp4tl_segment_sums"),
  ACCUMULATE("dp4tl_accumulate"),
  MEANS("dp4tl_means"),
  ARGMAX_HISTOGRAM("dp4tl_argmax_histogram");

  /** Class-path resource holding the CUDA C++ source of every kernel. */
  public static final String SOURCE = "/io/dp4tl/gpu/kernels/dp4tl_kernels.cu";

  private final String symbol;

  Kernel(String symbol) {
    this.symbol = symbol;
  }

  /** The kernel's name in the source and the compiled module. */
  public String symbol() {
    return symbol;
  }
}
