package io.dp4tl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dp4tl.core.io.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile inputs of issue 12 that once hung, exhausted memory, misread or printed a stack
 * trace, run through {@code dp4tl select}: each now exits 2 (bad input or usage; exit 1 only
 * where the input is fine but the machine falls short) with one line naming the file and the fix,
 * and writes nothing.
 */
class HostileInputTest {
  private static final Duration QUICKLY = Duration.ofSeconds(30);

  @TempDir Path tmp;

  private final Path lmTiny = Cli.parityCase("lm-tiny");

  private Path out() {
    return tmp.resolve("out");
  }

  private Cli.Result lm(Object targetLogits, Object sourceLabels, Object... more) {
    List<Object> args = new ArrayList<>(List.of("select", "--method", "lm", "--target-logits", targetLogits,
        "--source-labels", sourceLabels, "--ratio", 0.5, "--out", out()));
    args.addAll(List.of(more));
    return assertTimeoutPreemptively(QUICKLY, () -> Cli.run(args.toArray()));
  }

  /** Exit {@code status}, exactly one line on stderr (two for a usage error: the hint), nothing written. */
  private String oneLine(Cli.Result r, int status) {
    assertThat(r.status()).as(r.err()).isEqualTo(status);
    assertThat(r.err()).doesNotContain("\tat ", "Exception");
    assertThat(r.errLines()).hasSizeBetween(1, 2);
    if (r.errLines().size() == 2) {
      assertThat(r.errLines().get(1)).contains("--help");
    }
    assertThat(out()).doesNotExist();
    return r.errLines().get(0);
  }

  /** An .npy file with the given header text (padded as NumPy pads it) and data. */
  static Path npy(Path file, String header, byte[] data) throws IOException {
    int total = 10 + header.length() + 1;
    String padded = header + " ".repeat((total + 63) / 64 * 64 - total) + "\n";
    ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    pre.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) padded.length());
    byte[] head = padded.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[10 + head.length + data.length];
    System.arraycopy(pre.array(), 0, all, 0, 10);
    System.arraycopy(head, 0, all, 10, head.length);
    System.arraycopy(data, 0, all, 10 + head.length, data.length);
    return Files.write(file, all);
  }

  private static Path fifo(Path path) throws Exception {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
    return path;
  }

  /** Case 3: a FIFO given as an .npy input used to block forever. */
  @Test
  void aFifoAsAnInputIsRefusedAtOnce() throws Exception {
    Path pipe = fifo(tmp.resolve("logits.npy"));
    assertThat(oneLine(lm(pipe, lmTiny.resolve("source_labels.npy")), 2))
        .contains(pipe.toString(), "not a regular file");
  }

  /** Case 3: --threads 100000 never finished. */
  @Test
  void threadsAreCapped() {
    assertThat(oneLine(lm(lmTiny.resolve("target_logits.npy"), lmTiny.resolve("source_labels.npy"),
        "--threads", 100000), 2)).contains("--threads 100000", "threads must be in [1, 256]");
  }

  /** Case 5: a 'shape' inside another key's string won over the real shape (100 of 200 rows read). */
  @Test
  void aShapeHiddenInAStringIsNotRead() throws Exception {
    byte[] labels = new byte[200 * 8];
    Path hidden = npy(tmp.resolve("labels.npy"),
        "{'descr': '<i8', 'fortran_order': False, 'note': \"'shape': (100,)\", 'shape': (200,), }", labels);
    assertThat(oneLine(lm(lmTiny.resolve("target_logits.npy"), hidden), 2))
        .contains(hidden.toString(), "header keys must be exactly 'descr', 'fortran_order' and 'shape'");

    // The same dict without the extra key, in another key order, reads all 200 rows.
    Path valid = npy(tmp.resolve("valid.npy"), "{'shape': (200,), 'fortran_order': False, 'descr': '<i8'}", labels);
    assertThat(Npy.readInts(valid, "labels")).hasSize(200);
  }

  /**
   * Cases 4 and 6: a header length of 2^31-64 was allocated (6.2 GB); one of 2^31 or more failed
   * with "capacity < 0".
   */
  @Test
  void hugeHeaderLengthsAreRefusedUnread() throws Exception {
    for (long length : new long[] {(1L << 31) - 64, 1L << 31, 0xffffffffL}) {
      ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
      b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt((int) length);
      Path file = Files.write(tmp.resolve("h" + length + ".npy"), b.array());
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
        f.setLength(12 + length + 64); // as long as the header claims (sparse): only the cap stops it
      }
      assertThat(oneLine(lm(file, lmTiny.resolve("source_labels.npy")), 2))
          .contains(file.toString(), "header length " + length + " exceeds 10000 bytes");
    }
  }

  /**
   * Case 4: uint8 labels were widened to int[] (and cloned) on the heap, so 1.5e9 of them needed
   * 12 GB. They are now read from the mapping in their stored width: 16 million uint8 labels (64 MB
   * as int[], twice the heap) select in a child JVM with {@code -Xmx32m}.
   */
  @Test
  void uint8LabelsAreUsedFromTheMappingNotTheHeap() throws Exception {
    int n = 16_000_000;
    byte[] labels = new byte[n];
    Arrays.fill(labels, (byte) 1); // class 1 is not kept at --ratio 0.5 ...
    for (int i = 0; i < n; i += 1000) {
      labels[i] = 0; // ... class 0 is: one sample in a thousand
    }
    Path file = tmp.resolve("labels.npy");
    Npy.writeUint8(file, labels, new long[] {n});
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "select", "--method", "lm", "--target-logits",
        lmTiny.resolve("target_logits.npy").toString(), "--source-labels", file.toString(), "--ratio", "0.5",
        "--out", out().toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    long[] kept = Npy.read(Cli.keptSamples(out())).shape();
    assertThat(kept).containsExactly(n / 1000);
  }

  /** Case 6: --out / failed with a NullPointerException. */
  @Test
  void theRootAsOutputIsAUsageError() {
    Cli.Result r = assertTimeoutPreemptively(QUICKLY, () -> Cli.run("select", "--method", "lm", "--target-logits",
        lmTiny.resolve("target_logits.npy"), "--source-labels", lmTiny.resolve("source_labels.npy"), "--ratio", 0.5,
        "--out", "/"));
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines().get(0)).contains("--out / is the file system's root");
  }

  /** Case 7: an I/O error named the path but not the reason. */
  @Test
  void ioErrorsSayWhy() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain"), "x");
    assertThat(oneLine(lm(file.resolve("logits.npy"), lmTiny.resolve("source_labels.npy")), 2))
        .contains(file.resolve("logits.npy").toString(), "not a directory");

    Cli.Result r = assertTimeoutPreemptively(QUICKLY, () -> Cli.run("select", "--method", "lm", "--target-logits",
        lmTiny.resolve("target_logits.npy"), "--source-labels", lmTiny.resolve("source_labels.npy"), "--ratio", 0.5,
        "--out", file.resolve("sel")));
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.errLines()).singleElement().asString().contains(file.toString(), "not a directory");
  }

  /** Surrogate model files, cases 6 and 7: each is bad input, exit 2 with one line (was 1, or a stack trace). */
  @Test
  void badModelFilesAndSizesAreBadInput() throws Exception {
    Path images = tmp.resolve("images");
    Files.createDirectories(images.resolve("a"));
    byte[] model;
    try (InputStream in = getClass().getResourceAsStream("/models/ch_ppocr_mobile_v2.0_cls_infer.onnx")) {
      model = in.readAllBytes();
    }
    Path missing = tmp.resolve("missing.onnx");
    Path empty = Files.write(tmp.resolve("empty.onnx"), new byte[0]);
    Path truncated = Files.write(tmp.resolve("truncated.onnx"), Arrays.copyOf(model, model.length / 2));
    Path whole = Files.write(tmp.resolve("cls.onnx"), model);
    Path pipe = fifo(tmp.resolve("pipe.onnx"));

    for (Object[] c : new Object[][] {
      {missing, "input.size=192x48", "no such file"},
      {empty, "input.size=192x48", "empty.onnx"},
      {truncated, "input.size=192x48", "truncated.onnx"},
      {pipe, "input.size=192x48", "not a regular file"},
      // Mismatched: the model takes 192x48 RGB, the options say 32x32 grey.
      {whole, "input.size=32x32", "cls.onnx"},
      {whole, "input.size=100000x100000", "a model input has at most 16777216"},
    }) {
      Cli.Result r = assertTimeoutPreemptively(QUICKLY, () -> Cli.run("select", "--method", "lm", "--surrogate", c[0],
          "--surrogate-option", c[1], "--target-images", images, "--source", images, "--keep", "1", "--out", out()));
      assertThat(oneLine(r, 2)).as("%s with %s", c[0], c[1]).contains(c[2].toString());
    }
  }
}
