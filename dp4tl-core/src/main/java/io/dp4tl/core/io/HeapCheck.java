package io.dp4tl.core.io;

import io.dp4tl.api.Dp4tlException;

/**
 * Refuses, before allocating, a load the Java heap cannot hold, with a message saying how much
 * heap the job needs and how to give it, instead of an {@link OutOfMemoryError} halfway through.
 */
public final class HeapCheck {
  private static final long MIB = 1L << 20;

  private HeapCheck() {}

  /**
   * Checks that {@code bytes} more fit the heap (its maximum less what is in use now).
   *
   * @param what what is about to be loaded, for the message
   * @throws Dp4tlException if they do not
   */
  public static void require(long bytes, String what) {
    Runtime runtime = Runtime.getRuntime();
    long inUse = runtime.totalMemory() - runtime.freeMemory();
    long available = runtime.maxMemory() - inUse;
    if (bytes > available) {
      long needed = Math.max(bytes + inUse, bytes) / MIB * 2 + 256;
      throw new Dp4tlException("not enough Java heap to load " + what + ": it needs " + bytes / MIB + " MiB, "
          + available / MIB + " MiB of the heap's " + runtime.maxMemory() / MIB + " MiB are free; give the JVM"
          + " about " + needed + " MiB, e.g. DP4TL_JAVA_OPTS=-Xmx" + ((needed + 1023) / 1024) + "g for ./dp4tl"
          + " (java -Xmx... otherwise)");
    }
  }
}
