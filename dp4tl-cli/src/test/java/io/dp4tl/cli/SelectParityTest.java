package io.dp4tl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.hash.Hashing;
import io.dp4tl.core.io.Npy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every parity case, every ratio, end to end through {@code dp4tl select}, checked on the written files. */
class SelectParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CASES = List.of("lm-tiny", "lm-basic", "lm-row-ties", "lm-zero-heavy",
      "lm-imagenet-shape", "fm-basic", "fm-half", "fm-wide");

  @TempDir Path tmp;

  static Stream<Arguments> selections() throws IOException {
    List<Arguments> all = new ArrayList<>();
    for (String name : CASES) {
      JsonNode expected = JSON.readTree(Cli.parityCase(name).resolve("expected.json").toFile());
      for (JsonNode selection : expected.get("selections")) {
        all.add(Arguments.of(name, selection.get("ratio").asText(), expected, selection));
      }
    }
    return all.stream();
  }

  /** The inputs of a parity case as command-line arguments. */
  static List<Object> inputs(String name) {
    Path dir = Cli.parityCase(name);
    return name.startsWith("lm")
        ? List.of("select", "--method", "lm", "--target-logits", dir.resolve("target_logits.npy"),
            "--source-labels", dir.resolve("source_labels.npy"))
        : List.of("select", "--method", "fm", "--target-features", dir.resolve("target_features.npy"),
            "--source-features", dir.resolve("source_features.npy"),
            "--source-groups", dir.resolve("source_groups.npy"));
  }

  @ParameterizedTest(name = "{0} ratio {1}")
  @MethodSource("selections")
  void writesTheExpectedSelection(String name, String ratio, JsonNode expected, JsonNode selection)
      throws IOException {
    Path out = tmp.resolve("out");
    List<Object> args = new ArrayList<>(inputs(name));
    args.addAll(List.of("--out", out));
    args.addAll(List.of("--ratio", ratio));
    Cli.Result result = Cli.run(args.toArray());

    if (selection.has("error")) {
      assertThat(result.status()).isEqualTo(2);
      assertThat(result.errLines()).singleElement().asString().contains("leaves no group");
      assertThat(out).doesNotExist();
      return;
    }
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).contains("keep " + selection.get("keep").asInt() + " of ");

    JsonNode manifest = JSON.readTree(out.resolve("selection.json").toFile());
    assertThat(ints(manifest.get("histogram"))).containsExactly(ints(expected.get("histogram")));
    assertThat(manifest.get("histogram").get(0).isIntegralNumber()).isTrue();
    assertThat(ints(manifest.get("ranking"))).containsExactly(ints(expected.get("ranking")));
    assertThat(manifest.get("keep").asInt()).isEqualTo(selection.get("keep").asInt());
    assertThat(ints(manifest.get("keptGroups"))).containsExactly(ints(selection.get("keptGroups")));
    assertThat(manifest.get("keptSampleCount").asInt()).isEqualTo(selection.get("keptSampleCount").asInt());
    int[] kept = Npy.readInts(Cli.keptSamples(out), "kept samples");
    assertThat(kept).hasSize(selection.get("keptSampleCount").asInt());
    assertThat(sha256OfJoined(kept)).isEqualTo(selection.get("keptSamplesSha").asText());
  }

  @Test
  void aRatioLeavingNoGroupLeavesAnEarlierSelectionUntouched() throws IOException {
    Path out = tmp.resolve("out");
    List<Object> args = new ArrayList<>(inputs("lm-tiny"));
    args.addAll(List.of("--out", out));
    List<Object> good = new ArrayList<>(args);
    good.addAll(List.of("--ratio", "0.5"));
    assertThat(Cli.run(good.toArray()).status()).isZero();
    byte[] manifest = Files.readAllBytes(out.resolve("selection.json"));
    Path keptFile = Cli.keptSamples(out);
    byte[] kept = Files.readAllBytes(keptFile);

    List<Object> bad = new ArrayList<>(args);
    bad.addAll(List.of("--ratio", "0.95"));
    Cli.Result result = Cli.run(bad.toArray());

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("dp4tl select: error: ")
        .contains("ratio 0.95 leaves no group of 10");
    assertThat(Files.readAllBytes(out.resolve("selection.json"))).isEqualTo(manifest);
    assertThat(Files.readAllBytes(keptFile)).isEqualTo(kept);
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void keepWritesACountRuleAndTheTopGroups() throws IOException {
    Path out = tmp.resolve("keep");
    List<Object> args = new ArrayList<>(inputs("lm-tiny"));
    args.addAll(List.of("--keep", 3, "--out", out));
    assertThat(Cli.run(args.toArray()).status()).isZero();
    JsonNode manifest = JSON.readTree(out.resolve("selection.json").toFile());
    assertThat(manifest.get("rule").toString()).isEqualTo("{\"kind\":\"count\",\"value\":3}");
    assertThat(manifest.get("keep").asInt()).isEqualTo(3);
    assertThat(ints(manifest.get("keptGroups"))).containsExactly(0, 2, 5);
  }

  @Test
  void fingerprintsAreTheXxh3ValuesOfTheDocumentedPythonRecipe() throws IOException {
    Path out = tmp.resolve("fingerprints");
    List<Object> args = new ArrayList<>(inputs("lm-tiny"));
    args.addAll(List.of("--ratio", "0.5", "--out", out));
    assertThat(Cli.run(args.toArray()).status()).isZero();
    JsonNode provenance = JSON.readTree(out.resolve("selection.json").toFile()).get("provenance");
    assertThat(provenance.get("fingerprintAlgorithm").asText()).isEqualTo("xxh3-128-4m");
    // docs/manifest.md's matrix_fp and ints_fp on the same files (examples/lm-tiny), computed once.
    assertThat(provenance.get("fingerprints").get("target.logits").asText())
        .isEqualTo("63d5549299bf2d10c4017403e48de413");
    assertThat(provenance.get("fingerprints").get("source.labels").asText())
        .isEqualTo("5c5a2510bd11ce18539d417bde8fe061");
  }

  static int[] ints(JsonNode array) {
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asInt();
    }
    return values;
  }

  /** SHA-256 (hex) of the indices as decimal numbers joined by commas, as the parity cases record it. */
  static String sha256OfJoined(int[] indices) {
    String joined = Arrays.stream(indices).mapToObj(Integer::toString).collect(Collectors.joining(","));
    return Hashing.sha256().hashString(joined, StandardCharsets.UTF_8).toString();
  }
}
