package io.dp4tl.djl.train.internal;

/**
 * One batch prepared on the Java heap.
 *
 * @param pixels {@code size * 1024} floats, channel-first
 * @param labels class of each sample
 */
record HostBatch(float[] pixels, long[] labels) {
  int size() {
    return labels.length;
  }
}
