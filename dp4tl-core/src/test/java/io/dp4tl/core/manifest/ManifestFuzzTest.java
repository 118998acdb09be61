package io.dp4tl.core.manifest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dp4tl.api.Dp4tlException;
import io.dp4tl.api.Selection;
import io.dp4tl.core.io.Fuzzing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz target for the manifest reader: any {@code selection.json}, next to the golden version-1
 * {@code kept-samples.npy}, either reads as a selection or fails with a dp4tl exception naming
 * the file (never another exception or a hang). Under {@code mvn verify} it replays the committed
 * corpus in {@code src/test/resources/io/dp4tl/core/manifest/ManifestFuzzTestInputs/}; fuzzing
 * itself is {@code scripts/fuzz.sh} (docs/fuzzing.md).
 */
class ManifestFuzzTest {
  private static final Path DIR = selectionDir();

  private static Path selectionDir() {
    try (InputStream kept = ManifestFuzzTest.class.getResourceAsStream("/golden/v1/kept-samples.npy")) {
      Path dir = Files.createDirectories(Fuzzing.scratch().resolve("selection"));
      Files.write(dir.resolve("kept-samples.npy"), kept.readAllBytes());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "10m")
  void readsAnyManifest(byte[] json) throws IOException {
    Files.write(DIR.resolve(JsonSelectionCodec.MANIFEST), json);
    try {
      Selection.read(DIR);
    } catch (Dp4tlException expected) {
      // refused with a message: fine
    }
  }
}
