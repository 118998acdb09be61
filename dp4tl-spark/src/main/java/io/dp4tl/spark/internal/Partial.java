package io.dp4tl.spark.internal;

import java.io.Serializable;

/**
 * One block's contribution to one cluster (or, under key {@link #INERTIA}, to the inertia).
 *
 * @param block index of the block it came from
 * @param count rows of the cluster in the block
 * @param sums per-dimension sums in double, row by row in block order (null for the inertia)
 * @param inertia the block's sum of squared distances (inertia key only)
 */
public record Partial(int block, long count, double[] sums, double inertia) implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The key under which blocks report their inertia. */
  public static final int INERTIA = -1;
}
