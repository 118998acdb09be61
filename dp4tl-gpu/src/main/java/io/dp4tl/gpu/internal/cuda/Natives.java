package io.dp4tl.gpu.internal.cuda;

import java.lang.foreign.MemorySegment;

/** Small helpers shared by the bindings. */
final class Natives {
  /** Longest C string read from a library (error descriptions, names, logs are far shorter). */
  private static final long MAX_STRING = 1 << 20;

  private Natives() {}

  /** A NUL-terminated string that a library returned. */
  static String string(MemorySegment pointer) {
    return pointer.reinterpret(MAX_STRING).getString(0);
  }

  /** Passes runtime exceptions and errors through; wraps anything else (never expected). */
  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("native call failed", t);
  }
}
