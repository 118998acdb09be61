package io.dp4tl.core.manifest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Selection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 case 3: a FIFO where selection.json or a sidecar should be blocked Selection.read forever. */
class ManifestHostileTest {
  @TempDir Path tmp;

  private static void mkfifo(Path path) throws Exception {
    if (new ProcessBuilder("mkfifo", path.toString()).start().waitFor() != 0) {
      throw new AssertionError("mkfifo " + path);
    }
  }

  @Test
  void aFifoAsTheManifestIsRefusedAtOnce() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("sel"));
    mkfifo(dir.resolve("selection.json"));
    assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
        assertThatThrownBy(() -> Selection.read(dir))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("selection.json: not a regular file"));
  }

  @Test
  void aFifoAsASidecarIsRefusedAtOnce() throws Exception {
    Path dir = tmp.resolve("sel");
    TestSelections.lmTiny().write(dir);
    Path kept = dir.resolve(JsonSelectionCodecTest.sidecar(dir, "keptSamples"));
    Files.delete(kept);
    mkfifo(kept);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
        assertThatThrownBy(() -> Selection.read(dir))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining(kept + ": not a regular file"));
  }
}
