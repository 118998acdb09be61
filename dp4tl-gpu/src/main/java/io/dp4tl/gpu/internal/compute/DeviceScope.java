package io.dp4tl.gpu.internal.compute;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.dp4tl.gpu.internal.cuda.Driver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The device and page-locked host memory of one call, freed together (in reverse order) when the
 * scope closes, whatever happened: use it with try-with-resources. Also small synchronous
 * transfers of Java arrays.
 */
public final class DeviceScope implements AutoCloseable {
  private final Gpu gpu;
  private final Driver driver;
  private final Deque<Long> device = new ArrayDeque<>();
  private final Deque<MemorySegment> pinned = new ArrayDeque<>();

  /** @param gpu the device; its context must be current on this thread */
  public DeviceScope(Gpu gpu) {
    this.gpu = gpu;
    this.driver = gpu.driver();
  }

  /** Device memory of at least {@code bytes} (never zero-sized). */
  public long alloc(long bytes) {
    long pointer = driver.alloc(Math.max(bytes, 16));
    device.push(pointer);
    return pointer;
  }

  /** Page-locked host memory for asynchronous copies. */
  public MemorySegment pinned(long bytes) {
    MemorySegment memory = driver.hostAlloc(Math.max(bytes, 16));
    pinned.push(memory);
    return memory;
  }

  /** Copies floats to device memory and waits. */
  public void upload(float[] src, long dst, MemorySegment stream) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment staging = arena.allocateFrom(JAVA_FLOAT, src);
      driver.copyToDevice(dst, staging, staging.byteSize(), stream);
      driver.synchronize(stream);
    }
  }

  /** Copies {@code count} floats from device memory, after everything queued on the stream. */
  public float[] downloadFloats(long src, int count, MemorySegment stream) {
    try (Arena arena = Arena.ofConfined()) {
      return download(arena.allocate(JAVA_FLOAT, count), src, stream).toArray(JAVA_FLOAT);
    }
  }

  /** Copies {@code count} ints from device memory, after everything queued on the stream. */
  public int[] downloadInts(long src, int count, MemorySegment stream) {
    try (Arena arena = Arena.ofConfined()) {
      return download(arena.allocate(JAVA_INT, count), src, stream).toArray(JAVA_INT);
    }
  }

  /** Copies {@code count} longs from device memory, after everything queued on the stream. */
  public long[] downloadLongs(long src, int count, MemorySegment stream) {
    try (Arena arena = Arena.ofConfined()) {
      return download(arena.allocate(JAVA_LONG, count), src, stream).toArray(JAVA_LONG);
    }
  }

  /** Copies {@code count} doubles from device memory, after everything queued on the stream. */
  public double[] downloadDoubles(long src, int count, MemorySegment stream) {
    try (Arena arena = Arena.ofConfined()) {
      return download(arena.allocate(JAVA_DOUBLE, count), src, stream).toArray(JAVA_DOUBLE);
    }
  }

  private MemorySegment download(MemorySegment dst, long src, MemorySegment stream) {
    if (dst.byteSize() > 0) {
      driver.copyToHost(dst, src, dst.byteSize(), stream);
    }
    driver.synchronize(stream);
    return dst;
  }

  /**
   * Waits for both streams (work may still be queued when a call ends early, e.g. cancelled),
   * then frees everything allocated in this scope; when a step fails the rest still run and the
   * first failure is thrown afterwards.
   */
  @Override
  public void close() {
    RuntimeException failure = null;
    try {
      gpu.synchronize();
    } catch (RuntimeException e) {
      failure = e;
    }
    while (!device.isEmpty()) {
      try {
        driver.free(device.pop());
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    while (!pinned.isEmpty()) {
      try {
        driver.freeHost(pinned.pop());
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
