package io.dp4tl.core.io;

import java.nio.ByteOrder;

/**
 * The NumPy element types dp4tl reads and writes: float16/32/64, int8/16/32/64 and uint8/16, in
 * either byte order.
 */
public enum NpyDtype {
  FLOAT16('f', 2),
  FLOAT32('f', 4),
  FLOAT64('f', 8),
  INT8('i', 1),
  INT16('i', 2),
  INT32('i', 4),
  INT64('i', 8),
  UINT8('u', 1),
  UINT16('u', 2);

  private final char kind;
  private final int size;

  NpyDtype(char kind, int size) {
    this.kind = kind;
    this.size = size;
  }

  /** Bytes per element. */
  public int size() {
    return size;
  }

  /** Whether this is a floating-point type. */
  public boolean isFloat() {
    return kind == 'f';
  }

  /** The {@code descr} string NumPy writes for this type in the given byte order. */
  public String descr(ByteOrder order) {
    char prefix = size == 1 ? '|' : order == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
    return "" + prefix + kind + size;
  }

  /** The type named by a {@code descr} like {@code <f4}, or {@code null} if dp4tl does not read it. */
  static NpyDtype parse(String descr) {
    if (descr.length() < 3) {
      return null;
    }
    char kind = descr.charAt(1);
    int size;
    try {
      size = Integer.parseInt(descr.substring(2));
    } catch (NumberFormatException e) {
      return null;
    }
    for (NpyDtype t : values()) {
      if (t.kind == kind && t.size == size) {
        return t;
      }
    }
    return null;
  }
}
