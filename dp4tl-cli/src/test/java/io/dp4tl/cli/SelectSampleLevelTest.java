package io.dp4tl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dp4tl.core.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample-level baselines through {@code dp4tl select}: every parity case and ratio (moderate in
 * both scopes), checked on the written files; matched budgets; bad input.
 */
class SelectSampleLevelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CASES = List.of("el2n-basic", "el2n-runs", "grand-basic", "forgetting-basic",
      "moderate-basic");

  @TempDir Path tmp;

  static Stream<Arguments> selections() throws IOException {
    List<Arguments> all = new ArrayList<>();
    for (String name : CASES) {
      JsonNode expected = JSON.readTree(Cli.parityCase(name).resolve("expected.json").toFile());
      for (JsonNode selection : expected.get("selections")) {
        all.add(Arguments.of(name, "global", selection.get("ratio").asText(), selection));
      }
      if (expected.has("selectionsPerClass")) {
        for (JsonNode selection : expected.get("selectionsPerClass")) {
          all.add(Arguments.of(name, "class", selection.get("ratio").asText(), selection));
        }
      }
    }
    return all.stream();
  }

  /** The command-line inputs of a sample-level parity case. */
  static List<Object> inputs(String name, String scope) {
    Path dir = Cli.parityCase(name);
    String method = name.substring(0, name.indexOf('-'));
    List<Object> args = new ArrayList<>(List.of("select", "--method", method));
    switch (method) {
      case "el2n", "grand" -> {
        args.addAll(List.of("--source-logits", runs(dir, "source_logits_"), "--source-labels",
            dir.resolve("source_labels.npy")));
        if (method.equals("grand")) {
          args.addAll(List.of("--source-features", runs(dir, "source_features_")));
        }
      }
      case "forgetting" -> args.addAll(List.of("--source-correctness", dir.resolve("source_correctness.npy")));
      default -> args.addAll(List.of("--source-features", dir.resolve("source_features.npy"), "--source-labels",
          dir.resolve("source_labels.npy"), "--option", "moderate.scope=" + scope));
    }
    return args;
  }

  private static String runs(Path dir, String prefix) {
    return IntStream.iterate(0, r -> Files.exists(dir.resolve(prefix + r + ".npy")), r -> r + 1)
        .mapToObj(r -> dir.resolve(prefix + r + ".npy").toString()).collect(Collectors.joining(","));
  }

  @ParameterizedTest(name = "{0} {1} ratio {2}")
  @MethodSource("selections")
  void writesTheExpectedSelection(String name, String scope, String ratio, JsonNode selection) throws IOException {
    Path out = tmp.resolve("out");
    List<Object> args = new ArrayList<>(inputs(name, scope));
    args.addAll(List.of("--ratio", ratio, "--out", out));
    Cli.Result result = Cli.run(args.toArray());

    assertThat(result.status()).as(result.err()).isZero();
    JsonNode manifest = JSON.readTree(out.resolve("selection.json").toFile());
    assertThat(manifest.get("level").asText()).isEqualTo("sample");
    assertThat(manifest.get("keep").asInt()).isEqualTo(selection.get("keep").asInt());
    assertThat(manifest.get("scores").get("dtype").asText()).isEqualTo("float32");
    assertThat(Files.size(out.resolve("selection.json"))).isLessThan(4096);
    int[] kept = Npy.readInts(Cli.keptSamples(out), "kept samples");
    assertThat(kept).hasSize(selection.get("keptSampleCount").asInt());
    assertThat(SelectParityTest.sha256OfJoined(kept)).isEqualTo(selection.get("keptSamplesSha").asText());
  }

  @Test
  void keepsAsManySamplesAsAnotherSelection() throws IOException {
    Path lm = tmp.resolve("lm");
    List<Object> args = new ArrayList<>(inputs("el2n-basic", "global"));
    args.addAll(List.of("--keep", 123, "--out", lm));
    assertThat(Cli.run(args.toArray()).status()).isZero();

    Path matched = tmp.resolve("matched");
    List<Object> again = new ArrayList<>(inputs("el2n-basic", "global"));
    again.addAll(List.of("--keep-samples-of", lm, "--out", matched));
    Cli.Result result = Cli.run(again.toArray());
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(JSON.readTree(matched.resolve("selection.json").toFile()).get("keptSampleCount").asInt())
        .isEqualTo(123);
  }

  /** Invalid input: status 2, exactly one line on stderr, no output directory. */
  private String invalidInput(List<Object> args) {
    Path out = tmp.resolve("bad");
    List<Object> all = new ArrayList<>(args);
    all.addAll(List.of("--ratio", 0.5, "--out", out));
    Cli.Result result = Cli.run(all.toArray());
    assertThat(result.status()).as(result.err()).isEqualTo(2);
    assertThat(result.errLines()).hasSize(1);
    assertThat(out).doesNotExist();
    return result.errLines().get(0);
  }

  @Test
  void badInputExitsTwoWithOneLineNamingTheFileAndRow() throws IOException {
    Path el2n = Cli.parityCase("el2n-runs");
    Path logits = el2n.resolve("source_logits_0.npy");
    Path labels = el2n.resolve("source_labels.npy");

    float[] z = Npy.read(logits).toFloatArray("logits");
    int cols = (int) Npy.read(logits).shape()[1];
    z[17 * cols + 3] = Float.NaN;
    Path nan = tmp.resolve("nan.npy");
    Npy.writeFloat32(nan, z, z.length / cols, cols);
    assertThat(invalidInput(List.of("select", "--method", "el2n", "--source-logits", logits + "," + nan,
        "--source-labels", labels))).contains(nan.toString()).contains("row 17");

    Path shortLabels = tmp.resolve("short.npy");
    Npy.writeInt32(shortLabels, new int[10]);
    assertThat(invalidInput(List.of("select", "--method", "el2n", "--source-logits", logits,
        "--source-labels", shortLabels))).contains(shortLabels.toString()).contains(logits.toString());

    int[] y = Npy.readInts(labels, "labels");
    y[40] = cols;
    Path outOfRange = tmp.resolve("range.npy");
    Npy.writeInt32(outOfRange, y);
    assertThat(invalidInput(List.of("select", "--method", "el2n", "--source-logits", logits,
        "--source-labels", outOfRange))).contains(outOfRange.toString()).contains("at row 40");

    Path grand = Cli.parityCase("grand-basic");
    assertThat(invalidInput(List.of("select", "--method", "grand", "--source-logits",
        grand.resolve("source_logits_0.npy") + "," + grand.resolve("source_logits_1.npy"),
        "--source-features", grand.resolve("source_features_0.npy"), "--source-labels",
        grand.resolve("source_labels.npy")))).contains("gives 2 files").contains("gives 1");

    Path forgetting = Cli.parityCase("forgetting-basic").resolve("source_correctness.npy");
    long[] shape = Npy.read(forgetting).shape();
    byte[] c = new byte[(int) (shape[0] * shape[1])];
    Npy.read(forgetting).copyUint8("c", 0, c, 0, c.length);
    c[(int) (2 * shape[1] + 5)] = 3;
    Path bad = tmp.resolve("c.npy");
    Npy.writeUint8(bad, c, shape);
    assertThat(invalidInput(List.of("select", "--method", "forgetting", "--source-correctness", bad)))
        .contains(bad.toString()).contains("row 2").contains("column 5");
  }

  @Test
  void misusedSignalOptionsAreUsageErrors() {
    Path el2n = Cli.parityCase("el2n-basic");
    Cli.Result result = Cli.run("select", "--method", "lm", "--target-logits", el2n.resolve("source_logits_0.npy"),
        "--source-labels", el2n.resolve("source_labels.npy"), "--source-logits", el2n.resolve("source_logits_0.npy"),
        "--ratio", 0.5, "--out", tmp.resolve("x"));
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.errLines().get(0)).contains("--method lm does not read --source-logits");
    result = Cli.run("select", "--method", "el2n", "--source-labels", el2n.resolve("source_labels.npy"),
        "--ratio", 0.5, "--out", tmp.resolve("x"));
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.errLines().get(0)).contains("needs --source-logits");
    result = Cli.run("select", "--method", "lm", "--target-logits", el2n.resolve("source_logits_0.npy"),
        "--source-labels", el2n.resolve("source_labels.npy"), "--keep-samples-of", tmp, "--out", tmp.resolve("x"));
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.errLines().get(0)).contains("--keep-samples-of sets a sample budget");
    assertThat(tmp.resolve("x")).doesNotExist();
  }
}
