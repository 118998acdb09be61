package io.dp4tl.core.io;

import java.nio.ByteBuffer;
import java.util.Optional;

/** A matrix whose values may lie in memory as little-endian float32, so they can be hashed in place. */
interface Float32Bytes {

  /**
   * Rows {@code [first, first + count)} as little-endian float32 bytes, row-major: a view where
   * they lie in one mapping, else a copy; empty where the stored type or byte order differs.
   */
  Optional<ByteBuffer> float32Bytes(int first, int count);
}
