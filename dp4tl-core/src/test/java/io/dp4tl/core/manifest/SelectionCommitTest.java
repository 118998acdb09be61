package io.dp4tl.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.common.hash.Hashing;
import io.dp4tl.api.Selection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The commit protocol of the selection directory: one writer at a time, and the directory always
 * holds one complete selection, also when writers are killed mid-commit or race each other from
 * two processes (issue 12, cases 1, 2 and 7a).
 */
class SelectionCommitTest {
  @TempDir Path tmp;

  @Test
  void aSecondWriterIsRefusedWhileTheLockIsHeld() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("sel"));
    TestSelections.lmTiny().write(dir);
    byte[] before = Files.readAllBytes(dir.resolve("selection.json"));
    try (DirectoryLock held = DirectoryLock.acquire(dir)) {
      assertThatThrownBy(() -> CommitChild.variant(1).write(dir))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage("cannot write selection to " + dir + ": another writer is writing a selection here (it holds "
              + dir.resolve(".lock") + "); wait for it to finish, or write to another directory");
    }
    assertThat(Files.readAllBytes(dir.resolve("selection.json"))).isEqualTo(before);
    CommitChild.variant(1).write(dir);
    assertThat(Selection.read(dir).keep()).isEqualTo(3);
  }

  @Test
  void theNextWriterRemovesWhatKilledWritersLeft() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("sel"));
    Files.createDirectories(dir.resolve(".staging-123/deep"));
    Files.write(dir.resolve(".staging-123/deep/kept-samples.npy"), new byte[1000]);
    Files.createDirectories(tmp.resolve(".sel.staging-456"));
    Files.write(dir.resolve("kept-samples.0123456789abcdef.npy"), new byte[10]);
    Files.write(dir.resolve("ranking.npy"), new byte[10]);
    Files.writeString(dir.resolve("notes.txt"), "mine");

    TestSelections.lmTiny().write(dir);

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "selection.json", ".lock", "notes.txt", JsonSelectionCodecTest.sidecar(dir, "keptSamples"));
    }
    assertThat(tmp.resolve(".sel.staging-456")).doesNotExist();
  }

  @Test
  void aWriterOnARootPathSaysWhyItFailsInOneLine() {
    // --out / used to fail with a NullPointerException (no parent for a staging folder).
    assertThatThrownBy(() -> TestSelections.lmTiny().write(Path.of("/proc/self")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageNotContaining("NullPointerException")
        .hasMessageMatching("(?s)cannot write selection to /proc/self: .+: .+");
  }

  /**
   * Two writer processes write different selections into one directory, many rounds each, while
   * this thread reads it the way the documented Python recipe does (manifest, then the sidecar it
   * names, checked by hash): every read sees one complete selection.
   */
  @Test
  void twoWriterProcessesNeverLeaveAMixedDirectory() throws Exception {
    Path dir = tmp.resolve("shared");
    int rounds = 150;
    Process a = child("loop", dir, rounds, 0);
    Process b = child("loop", dir, rounds, 1);
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    List<String> problems = new ArrayList<>();
    Thread reader = new Thread(() -> {
      while (!done.get()) {
        if (Files.exists(dir.resolve("selection.json"))) {
          String problem = recipeProblem(dir);
          try {
            int keep = Selection.read(dir).keep();
            if (keep != 5 && keep != 3) {
              problem = "read a selection keeping " + keep;
            }
          } catch (RuntimeException e) {
            problem = e.toString();
          }
          if (problem != null) {
            synchronized (problems) {
              problems.add(problem);
            }
          }
          reads.incrementAndGet();
        }
      }
    });
    reader.start();
    String outA = finish(a);
    String outB = finish(b);
    done.set(true);
    reader.join();

    assertThat(Integer.parseInt(outA.split(" ")[0])).isEqualTo(rounds);
    assertThat(Integer.parseInt(outB.split(" ")[0])).isEqualTo(rounds);
    // Both writers met the other's lock: the rounds really overlapped.
    assertThat(Integer.parseInt(outA.split(" ")[1]) + Integer.parseInt(outB.split(" ")[1])).isPositive();
    synchronized (problems) {
      assertThat(problems).isEmpty();
    }
    assertThat(reads.get()).isPositive();
    assertConsistent(dir);
  }

  /** Kills the writer at every step of the commit, both ways between a class- and a sample-level selection. */
  @ParameterizedTest
  @CsvSource({"0, 2", "2, 0"})
  void aWriterKilledAtAnyStepLeavesTheOldOrTheNewSelection(int oldVariant, int newVariant) throws Exception {
    Selection old = CommitChild.variant(oldVariant);
    Selection next = CommitChild.variant(newVariant);
    int steps = 0;
    for (int step = 1; ; step++) {
      Path dir = tmp.resolve("crash-" + oldVariant + "-" + step);
      old.write(dir);
      Process child = child("crash", dir, step, newVariant);
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      int status = child.exitValue();
      assertThat(status).as("writer halted at step %d", step).isIn(0, CommitChild.HALTED);
      Selection found = Selection.read(dir);
      assertThat(found.level()).as("after a kill at step %d", step).isIn(old.level(), next.level());
      assertConsistent(dir);
      if (status == 0) {
        assertThat(found.level()).isEqualTo(next.level());
        break;
      }
      steps++;
      // The next writer cleans up whatever the killed one left.
      old.write(dir);
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".lock")))
            .as("after a kill at step %d and a new write", step)
            .containsExactlyInAnyOrderElementsOf(referenced(dir));
      }
    }
    assertThat(steps).isGreaterThanOrEqualTo(7);
  }

  /** Python's recipe in Java: the manifest, then its sidecar, which must match the recorded hash. Null if fine. */
  private static String recipeProblem(Path dir) {
    try {
      JsonNode m = JsonMapper.builder().build().readTree(Files.readAllBytes(dir.resolve("selection.json")));
      JsonNode ref = m.get("keptSamples");
      byte[] data = Files.readAllBytes(dir.resolve(ref.get("file").asText()));
      String sha = Hashing.sha256().hashBytes(data).toString();
      return sha.equals(ref.get("sha256").asText()) ? null : "sidecar " + ref.get("file") + " has another hash";
    } catch (java.nio.file.NoSuchFileException e) {
      return null; // replaced between the two reads: the recipe fails loudly and is retried, never pairs wrongly
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static List<String> referenced(Path dir) throws IOException {
    JsonNode m = JsonMapper.builder().build().readTree(dir.resolve("selection.json").toFile());
    List<String> names = new ArrayList<>(List.of("selection.json"));
    for (String key : List.of("keptSamples", "ranking", "scores")) {
      if (m.get(key).isObject()) {
        names.add(m.get(key).get("file").asText());
      }
    }
    return names;
  }

  /** The manifest reads, its sidecars match, and no staging folder is left after the last writer. */
  private static void assertConsistent(Path dir) throws IOException {
    Selection s = Selection.read(dir);
    assertThat(s.keptSamples()).isNotEmpty();
    assertThat(recipeProblem(dir)).isNull();
  }

  private static Process child(String mode, Path dir, int n, int variant) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        CommitChild.class.getName(), mode, dir.toString(), Integer.toString(n), Integer.toString(variant))
        .redirectErrorStream(true)
        .start();
  }

  private static String finish(Process p) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    String[] lines = out.split("\n");
    return lines[lines.length - 1];
  }
}
