package io.dp4tl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same inputs and seed: the same selection.json byte for byte, apart from timings, whatever the thread count. */
class SelectDeterminismTest {
  @TempDir Path tmp;

  @Test
  void featureMappingWithKMeans() throws IOException {
    Path fm = Cli.parityCase("fm-basic");
    assertSameWithOneAndTwoThreads("--method", "fm", "--target-features", fm.resolve("target_features.npy"),
        "--source-features", fm.resolve("source_features.npy"), "--clusters", 12, "--seed", 7, "--ratio", 0.5);
  }

  @Test
  void labelMappingOverAThousandClasses() throws IOException {
    Path lm = Cli.parityCase("lm-imagenet-shape");
    assertSameWithOneAndTwoThreads("--method", "lm", "--target-logits", lm.resolve("target_logits.npy"),
        "--source-labels", lm.resolve("source_labels.npy"), "--ratio", 0.6);
  }

  @Test
  void randomClasses() throws IOException {
    Path lm = Cli.parityCase("lm-basic");
    assertSameWithOneAndTwoThreads("--method", "random-class", "--target-logits", lm.resolve("target_logits.npy"),
        "--source-labels", lm.resolve("source_labels.npy"), "--seed", 11, "--ratio", 0.7);
  }

  private void assertSameWithOneAndTwoThreads(Object... args) throws IOException {
    String one = manifest("one", 1, args);
    String two = manifest("two", 2, args);
    assertThat(withoutTimings(two)).isEqualTo(withoutTimings(one));
    assertThat(Files.readAllBytes(Cli.keptSamples(tmp.resolve("two"))))
        .isEqualTo(Files.readAllBytes(Cli.keptSamples(tmp.resolve("one"))));
  }

  private String manifest(String name, int threads, Object... args) throws IOException {
    List<Object> all = new ArrayList<>(List.of("select"));
    all.addAll(List.of(args));
    all.addAll(List.of("--threads", threads, "--out", tmp.resolve(name)));
    Cli.Result result = Cli.run(all.toArray());
    assertThat(result.status()).as(result.err()).isZero();
    return Files.readString(tmp.resolve(name).resolve("selection.json"));
  }

  /** The manifest's text with the values of createdAt, threads and timingsMillis blanked. */
  static String withoutTimings(String manifest) {
    return manifest
        .replaceAll("\"createdAt\": \"[^\"]*\"", "\"createdAt\": _")
        .replaceAll("\"threads\": \\d+", "\"threads\": _")
        .replaceAll("\"timingsMillis\": \\{[^}]*}", "\"timingsMillis\": _");
  }
}
