package io.dp4tl.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Selection;
import io.dp4tl.core.io.Npy;
import io.dp4tl.core.io.NpyDtype;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSelectionCodecTest {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  @TempDir Path tmp;

  @Test
  void roundTripsAClassLevelSelectionThroughSelectionWriteAndRead() throws IOException {
    Selection s = TestSelections.lmTiny();
    Path dir = tmp.resolve("out/lm");
    s.write(dir);

    assertThat(list(dir)).containsExactlyInAnyOrder("selection.json", ".lock", sidecar(dir, "keptSamples"));
    Selection back = Selection.read(dir);
    assertThat(back).isEqualTo(s).hasSameHashCodeAs(s);
    assertThat(back.provenance()).isEqualTo(s.provenance());
    assertThat(Npy.readInts(dir.resolve(sidecar(dir, "keptSamples")), "kept")).containsExactly(s.keptSamples());

    // Writing what was read gives the same bytes: nothing is lost or reformatted.
    byte[] first = Files.readAllBytes(dir.resolve("selection.json"));
    back.write(tmp.resolve("again"));
    assertThat(Files.readAllBytes(tmp.resolve("again/selection.json"))).isEqualTo(first);
  }

  @Test
  void writesTheDocumentedKeysWithIntegralHistogramsAsIntegers() throws IOException {
    Path dir = tmp.resolve("lm");
    TestSelections.lmTiny().write(dir);
    String text = Files.readString(dir.resolve("selection.json"));
    JsonNode root = JSON.readTree(text);

    assertThat(root.fieldNames()).toIterable().containsExactly("formatVersion", "method", "level", "rule", "keep",
        "groupCount", "sourceSampleCount", "keptSampleCount", "seed", "options", "histogram", "scores", "ranking",
        "keptGroups", "keptSamples", "details", "provenance");
    assertThat(text).contains("\"histogram\": [4, 0, 4, 2, 1, 4, 3, 2, 3, 2]");
    assertThat(root.get("histogram").get(0).isIntegralNumber()).isTrue();
    assertThat(root.get("formatVersion").intValue()).isEqualTo(3);
    assertThat(text).contains("\"rule\": {\n    \"kind\": \"ratio\",\n    \"value\": 0.5\n  }");
    assertThat(root.get("level").asText()).isEqualTo("class");
    JsonNode kept = root.get("keptSamples");
    String sha = Sidecar.sha256(dir.resolve(kept.get("file").asText()));
    assertThat(kept.get("file").asText()).isEqualTo("kept-samples." + sha.substring(0, 16) + ".npy");
    assertThat(kept.get("dtype").asText()).isEqualTo("int64");
    assertThat(kept.get("count").intValue()).isEqualTo(35);
    assertThat(kept.get("sha256").asText()).isEqualTo(sha);
    assertThat(root.get("provenance").fieldNames()).toIterable().containsExactly("libraryVersion", "createdAt",
        "threads", "jvm", "os", "engine", "device", "fingerprintAlgorithm", "fingerprints", "timingsMillis");
    assertThat(text).endsWith("}\n");
  }

  @Test
  void writesTheManifestOfKeptRowsStoredAsParquetWithTheSameKeysAndReadingSaysWhereTheyAre() throws IOException {
    Selection s = TestSelections.lmTiny();
    Path dir = Files.createDirectories(tmp.resolve("spark"));
    Files.write(dir.resolve("selection.json"), JsonSelectionCodec.manifest(s, new KeptRows("kept", "id", 35)));
    Path normal = tmp.resolve("normal");
    s.write(normal);
    JsonNode root = JSON.readTree(dir.resolve("selection.json").toFile());
    JsonNode reference = JSON.readTree(normal.resolve("selection.json").toFile());

    assertThat(root.fieldNames()).toIterable().containsExactlyElementsOf(() -> reference.fieldNames());
    assertThat(root.get("keptSampleCount").intValue()).isEqualTo(35);
    assertThat(root.get("keptGroups")).isEqualTo(reference.get("keptGroups"));
    assertThat(root.get("histogram")).isEqualTo(reference.get("histogram"));
    JsonNode kept = root.get("keptSamples");
    assertThat(kept.get("file").asText()).isEqualTo("kept");
    assertThat(kept.get("format").asText()).isEqualTo("parquet");
    assertThat(kept.get("column").asText()).isEqualTo("id");
    assertThat(kept.get("count").intValue()).isEqualTo(35);
    assertThatThrownBy(() -> Selection.read(dir)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("parquet rows in 'kept'").hasMessageContaining("Parquet reader");
  }

  @Test
  void sortsTheKeysOfEveryMapSoEqualSelectionsGiveEqualBytes() throws IOException {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("zeta", 1);
    details.put("alpha", Map.of("y", 2, "b", 3, "m", 4));
    Path dir = tmp.resolve("sorted");
    TestSelections.lmTiny(KeepRule.ratio(0.5), Map.of("seed", 0L, "device", "cpu", "batchSize", 64), details)
        .write(dir);
    JsonNode root = JSON.readTree(dir.resolve("selection.json").toFile());
    assertThat(root.get("options").fieldNames()).toIterable().containsExactly("batchSize", "device", "seed");
    assertThat(root.get("details").fieldNames()).toIterable().containsExactly("alpha", "zeta");
    assertThat(root.get("details").get("alpha").fieldNames()).toIterable().containsExactly("b", "m", "y");
    assertThat(root.get("provenance").get("fingerprints").fieldNames()).toIterable()
        .containsExactly("source.labels", "target.logits");
  }

  @Test
  void writesTheCountRuleExplicitly() throws IOException {
    Selection s = TestSelections.lmTiny(KeepRule.count(3), Map.of(), Map.of());
    Path dir = tmp.resolve("keep3");
    s.write(dir);
    JsonNode root = JSON.readTree(dir.resolve("selection.json").toFile());
    assertThat(root.get("rule").get("kind").asText()).isEqualTo("count");
    assertThat(root.get("rule").get("value").isIntegralNumber()).isTrue();
    assertThat(root.get("rule").get("value").intValue()).isEqualTo(3);
    assertThat(root.has("ratio")).isFalse();
    assertThat(root.get("keep").intValue()).isEqualTo(3);
    assertThat(Selection.read(dir).rule()).isEqualTo(KeepRule.count(3));
  }

  @Test
  void roundTripsAShareRule() throws IOException {
    // Votes 4, 4, 4, 3, 3 of 25 are 72%: a share of 0.7 keeps the top 5 classes.
    Selection s = TestSelections.lmTiny(KeepRule.share(0.7), Map.of("seed", 0L),
        Map.of("massCurve", new double[] {0.16, 0.32, 0.48}, "targetAssignment", new int[] {2, 0, 5}));
    Path dir = tmp.resolve("share");
    s.write(dir);
    JsonNode root = JSON.readTree(dir.resolve("selection.json").toFile());
    assertThat(root.get("rule").get("kind").asText()).isEqualTo("share");
    assertThat(root.get("rule").get("value").doubleValue()).isEqualTo(0.7);
    assertThat(root.get("keep").intValue()).isEqualTo(5);
    assertThat(Selection.read(dir)).isEqualTo(s);

    edit(dir, r -> r.put("keep", 6));
    assertThatThrownBy(() -> Selection.read(dir)).hasMessageContaining("'keep' is 6 but share 0.7 of 10 groups keeps 5");
  }

  @Test
  void putsSampleLevelRankingsAndScoresInSidecars() throws IOException {
    Selection s = TestSelections.sampleLevel();
    Path dir = tmp.resolve("samples");
    s.write(dir);

    assertThat(list(dir)).containsExactlyInAnyOrder("selection.json", ".lock", sidecar(dir, "keptSamples"),
        sidecar(dir, "ranking"), sidecar(dir, "scores"));
    JsonNode root = JSON.readTree(dir.resolve("selection.json").toFile());
    assertThat(root.get("histogram").isNull()).isTrue();
    assertThat(sidecar(dir, "ranking")).matches("ranking\\.[0-9a-f]{16}\\.npy");
    assertThat(sidecar(dir, "scores")).matches("scores\\.[0-9a-f]{16}\\.npy");
    assertThat(root.get("formatVersion").asInt()).isEqualTo(3);
    assertThat(root.get("scores").get("dtype").asText()).isEqualTo("float32");
    assertThat(Npy.read(dir.resolve(sidecar(dir, "scores"))).dtype()).isEqualTo(NpyDtype.FLOAT32);
    assertThat(sidecar(dir, "keptGroups")).isEqualTo(sidecar(dir, "keptSamples"));
    assertThat(Npy.readInts(dir.resolve(sidecar(dir, "ranking")), "ranking")).containsExactly(s.ranking());
    assertThat(Selection.read(dir)).isEqualTo(s);
  }

  @Test
  void replacesAllArtifactFilesButKeepsTheUsersOtherFiles() throws IOException {
    Path dir = tmp.resolve("shared");
    TestSelections.sampleLevel().write(dir);
    Files.writeString(dir.resolve("notes.txt"), "mine");

    TestSelections.lmTiny().write(dir);

    assertThat(list(dir)).containsExactlyInAnyOrder("selection.json", ".lock", sidecar(dir, "keptSamples"), "notes.txt");
    assertThat(Selection.read(dir).method()).isEqualTo("lm");
    assertThat(list(tmp)).containsExactly("shared");
  }

  @Test
  void aFailedWriteLeavesTheExistingArtifactUntouchedAndNoPartialFile() throws IOException {
    Path dir = tmp.resolve("sel");
    TestSelections.lmTiny().write(dir);
    byte[] manifest = Files.readAllBytes(dir.resolve("selection.json"));
    String keptFile = sidecar(dir, "keptSamples");
    byte[] kept = Files.readAllBytes(dir.resolve(keptFile));
    // An option Jackson cannot serialise fails the write after the kept samples were staged.
    Selection unwritable = TestSelections.lmTiny(KeepRule.ratio(0.8), Map.of("bad", new Object()), Map.of());

    assertThatThrownBy(() -> unwritable.write(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'options'");

    assertThat(Files.readAllBytes(dir.resolve("selection.json"))).isEqualTo(manifest);
    assertThat(Files.readAllBytes(dir.resolve(keptFile))).isEqualTo(kept);
    assertThat(list(dir)).containsExactlyInAnyOrder("selection.json", ".lock", keptFile);
    assertThat(list(tmp)).containsExactly("sel");
  }

  @Test
  void aFailedWriteToANewDirectoryCreatesNothing() {
    Selection unwritable = TestSelections.lmTiny(KeepRule.ratio(0.5), Map.of(), Map.of("bad", new Object()));
    assertThatThrownBy(() -> unwritable.write(tmp.resolve("new")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'details'");
    assertThat(list(tmp)).isEmpty();
  }

  @Test
  void refusesToWriteOverAFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("taken"), "x");
    assertThatThrownBy(() -> TestSelections.lmTiny().write(file))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("not a directory");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void readingNamesAMissingManifest() {
    assertThatThrownBy(() -> Selection.read(tmp))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(tmp.resolve("selection.json").toString())
        .hasMessageContaining("no such file");
  }

  @Test
  void readingRefusesMalformedJsonWithItsPosition() throws IOException {
    Path dir = written();
    Files.writeString(dir.resolve("selection.json"), "{\n  \"formatVersion\": 1,\n  \"method\": }");
    assertThatThrownBy(() -> Selection.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("line 3");
  }

  /** Found by the fuzzer: bytes Jackson took for UTF-32 failed with an I/O error (exit 1), not a message. */
  @Test
  void readingRefusesAManifestThatIsNotUtf8() throws IOException {
    Path dir = written();
    String json = Files.readString(dir.resolve("selection.json"));
    Files.write(dir.resolve("selection.json"), json.getBytes(StandardCharsets.UTF_16));
    assertThatThrownBy(() -> Selection.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("selection.json: not UTF-8 text");
    Files.write(dir.resolve("selection.json"), new byte[] {0x0a, 0, 0, 0, 'a', 'f', '%', 'a', 0x0a, ' '});
    assertThatThrownBy(() -> Selection.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("selection.json: not valid JSON");
    // A byte-order mark before UTF-8 JSON is fine.
    Files.write(dir.resolve("selection.json"), ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8));
    assertThat(Selection.read(dir).method()).isEqualTo("lm");
  }

  @Test
  void readingRefusesNewerAndUnknownFormatVersions() throws IOException {
    Path dir = written();
    edit(dir, root -> root.put("formatVersion", 4));
    assertThatThrownBy(() -> Selection.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("formatVersion 4 was written by a newer dp4tl")
        .hasMessageContaining("upgrade");
    edit(dir, root -> root.remove("formatVersion"));
    assertThatThrownBy(() -> Selection.read(dir)).hasMessageContaining("not a dp4tl selection manifest");
  }

  @Test
  void readingNamesAMissingOrMistypedKey() throws IOException {
    Path dir = written();
    edit(dir, root -> root.remove("ranking"));
    assertThatThrownBy(() -> Selection.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("missing required key 'ranking'");

    Path other = written();
    edit(other, root -> ((ObjectNode) root.get("provenance")).put("threads", "two"));
    assertThatThrownBy(() -> Selection.read(other))
        .hasMessageContaining("'provenance.threads' must be an integer, found string \"two\"");
  }

  @Test
  void readingChecksTheKeptGroupsAgainstTheRankingAndTheRatio() throws IOException {
    Path dir = written();
    edit(dir, root -> root.put("keep", 4));
    assertThatThrownBy(() -> Selection.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'keep' is 4 but ratio 0.5 of 10 groups keeps 5");

    Path shared = written();
    edit(shared, root -> {
      root.put("formatVersion", 1);
      root.remove("rule");
      root.put("ratio", 0.5);
      root.put("share", 0.9);
    });
    assertThatThrownBy(() -> Selection.read(shared)).hasMessageContaining("'ratio' and 'share' exclude each other");

    Path other = written();
    edit(other, root -> ((ArrayNode) root.get("keptGroups")).set(0, 1));
    assertThatThrownBy(() -> Selection.read(other)).hasMessageContaining("must be the first 5 groups of 'ranking'");
  }

  @Test
  void readingNamesAMalformedRule() throws IOException {
    Path dir = written();
    edit(dir, root -> ((ObjectNode) root.get("rule")).put("kind", "fraction"));
    assertThatThrownBy(() -> Selection.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'rule.kind' must be \"ratio\", \"count\" or \"share\", found \"fraction\"");

    Path other = written();
    edit(other, root -> ((ObjectNode) root.get("rule")).put("value", 1.5));
    assertThatThrownBy(() -> Selection.read(other)).hasMessageContaining("keep rule: ratio must be in [0, 1)");

    Path count = written();
    edit(count, root -> ((ObjectNode) root.get("rule")).put("kind", "count").put("value", 2.5));
    assertThatThrownBy(() -> Selection.read(count)).hasMessageContaining("'rule.value' must be an integer");
  }

  @Test
  void readingDetectsAModifiedOrMissingSidecar() throws IOException {
    Path dir = written();
    String keptFile = sidecar(dir, "keptSamples");
    Npy.writeInt64(dir.resolve(keptFile), new int[] {1, 2, 3});
    assertThatThrownBy(() -> Selection.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(keptFile + ": SHA-256 is")
        .hasMessageContaining("belongs to another selection");

    Files.delete(dir.resolve(keptFile));
    assertThatThrownBy(() -> Selection.read(dir))
        .hasMessageContaining(keptFile + ": no such file")
        .hasMessageContaining("copy the whole selection directory");
  }

  @Test
  void readingChecksSidecarCountsAndNames() throws IOException {
    Path dir = written();
    edit(dir, root -> root.put("keptSampleCount", 34));
    assertThatThrownBy(() -> Selection.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'keptSamples.count' is 35 but the manifest's counts call for 34");

    Path other = written();
    edit(other, root -> ((ObjectNode) root.get("keptSamples")).put("file", "../elsewhere.npy"));
    assertThatThrownBy(() -> Selection.read(other))
        .hasMessageContaining("'keptSamples.file' must be a file name inside the selection directory");
  }

  private Path written() throws IOException {
    Path dir = Files.createTempDirectory(tmp, "sel");
    TestSelections.lmTiny().write(dir);
    return dir;
  }

  /** The file a sidecar reference of the manifest names. */
  static String sidecar(Path dir, String key) throws IOException {
    return JSON.readTree(dir.resolve("selection.json").toFile()).get(key).get("file").asText();
  }

  private static void edit(Path dir, Consumer<ObjectNode> change) throws IOException {
    Path file = dir.resolve("selection.json");
    ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
    change.accept(root);
    Files.writeString(file, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
  }

  private static List<String> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
