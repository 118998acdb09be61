package io.dp4tl.core.io;

import static com.google.common.base.Preconditions.checkArgument;

import com.dynatrace.hash4j.hashing.ByteAccess;
import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hashing;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Fingerprinter;
import io.dp4tl.core.accel.internal.Workers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Input fingerprints with XXH3-128 ({@value #ALGORITHM}), hashed in parallel chunks of about
 * 4 MiB combined in a fixed order, so the value does not depend on the thread count.
 *
 * <p>A matrix of {@code rows x cols} is cut into chunks of {@code max(1, floor(4 MiB / (4 cols)))}
 * whole rows; each chunk's little-endian float32 bytes get an XXH3-128 digest (16 bytes, big-endian:
 * the canonical form); the fingerprint is the XXH3-128 of {@code rows} and {@code cols} as
 * little-endian int32 followed by the chunk digests in order, written as 32 hex digits. An integer
 * vector is the same with its length as the one header value, chunks of 2^20 values as little-endian
 * int32. A memory-mapped float32 {@code .npy} is hashed straight from the mapping. docs/manifest.md
 * shows the same computation in Python.
 */
public final class Xxh3Fingerprinter implements Fingerprinter {
  /** The name recorded in the manifest. */
  public static final String ALGORITHM = "xxh3-128-4m";
  static final int CHUNK_BYTES = 4 << 20;
  private static final Hasher128 XXH3 = Hashing.xxh3_128();
  private static final ByteAccess<ByteBuffer> LITTLE_ENDIAN = ByteAccess.forByteBuffer(ByteOrder.LITTLE_ENDIAN);

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if threads is below 1
   */
  @Override
  public String matrix(FloatMatrix matrix, int threads) {
    checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
    int cols = matrix.cols();
    int rowsPerChunk = (int) Math.max(1, CHUNK_BYTES / (4L * Math.max(1, cols)));
    int chunks = cols == 0 ? 0 : (int) ((matrix.rows() + (long) rowsPerChunk - 1) / rowsPerChunk);
    ByteBuffer combined = header(8, chunks).putInt(matrix.rows()).putInt(cols);
    if (chunks == 0) {
      return hex(XXH3.hashBytesTo128Bits(combined.array()));
    }
    Optional<Float32Bytes> mapped = matrix instanceof Float32Bytes b ? Optional.of(b) : Optional.empty();
    try (Workers workers = new Workers(Math.min(threads, chunks), RunControl.none())) {
      workers.forEachBlock(matrix.rows(), rowsPerChunk, () -> new Chunk(rowsPerChunk, cols),
          (block, first, count, chunk) -> chunk.digest = chunk.hash(matrix, mapped, first, count),
          (block, first, count, chunk) -> put(combined, chunk.digest),
          "fingerprint");
    }
    return hex(XXH3.hashBytesTo128Bits(combined.array()));
  }

  @Override
  public String ints(IntColumn values) {
    int perChunk = CHUNK_BYTES / 4;
    int size = values.size();
    int chunks = (int) ((size + (long) perChunk - 1) / perChunk);
    ByteBuffer combined = header(4, chunks).putInt(size);
    int[] chunk = new int[Math.min(size, perChunk)];
    ByteBuffer bytes = ByteBuffer.allocate(chunk.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int c = 0; c < chunks; c++) {
      int first = c * perChunk;
      int n = Math.min(perChunk, size - first);
      values.copyTo(first, n, chunk, 0);
      bytes.clear();
      bytes.asIntBuffer().put(chunk, 0, n);
      put(combined, XXH3.hashBytesTo128Bits(bytes.array(), 0, n * 4));
    }
    return hex(XXH3.hashBytesTo128Bits(combined.array()));
  }

  /** A little-endian buffer for the header and the chunk digests. */
  private static ByteBuffer header(int headerBytes, int chunks) {
    return ByteBuffer.allocate(headerBytes + 16 * chunks).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Appends a digest in its canonical form: the high 64 bits, then the low, each big-endian. */
  private static void put(ByteBuffer combined, HashValue128 digest) {
    combined.order(ByteOrder.BIG_ENDIAN)
        .putLong(digest.getMostSignificantBits())
        .putLong(digest.getLeastSignificantBits())
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  private static String hex(HashValue128 h) {
    return String.format("%016x%016x", h.getMostSignificantBits(), h.getLeastSignificantBits());
  }

  @Override
  public String toString() {
    return "Xxh3Fingerprinter[" + ALGORITHM + "]";
  }

  /** One worker's chunk buffers (allocated on first use of the copying path) and its last digest. */
  private static final class Chunk {
    private final int rows;
    private final int cols;
    private float[] values;
    private ByteBuffer bytes;
    HashValue128 digest;

    Chunk(int rows, int cols) {
      this.rows = rows;
      this.cols = cols;
    }

    HashValue128 hash(FloatMatrix matrix, Optional<Float32Bytes> mapped, int first, int count) {
      Optional<ByteBuffer> view = mapped.flatMap(m -> m.float32Bytes(first, count));
      if (view.isPresent()) {
        ByteBuffer b = view.get();
        return XXH3.hashBytesTo128Bits(b, b.position(), b.remaining(), LITTLE_ENDIAN);
      }
      if (values == null) {
        values = new float[rows * cols];
        bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      }
      int n = count * cols;
      matrix.copyRows(first, count, values, 0);
      bytes.clear();
      bytes.asFloatBuffer().put(values, 0, n);
      return XXH3.hashBytesTo128Bits(bytes.array(), 0, n * 4);
    }
  }
}
