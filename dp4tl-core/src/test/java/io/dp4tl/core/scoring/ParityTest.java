package io.dp4tl.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.hash.Hashing;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.PruneBuilder;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.core.io.Npy;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of src/test/resources/parity through the public API, against expected.json: histogram,
 * ranking, N, kept groups, kept sample count and checksum, Feature Mapping's target assignment, and
 * the refusal of a ratio that leaves no group.
 */
class ParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> cases() throws IOException, URISyntaxException {
    Path root = Path.of(ParityTest.class.getResource("/parity").toURI());
    List<Path> dirs;
    try (Stream<Path> list = Files.list(root)) {
      // The sample-level cases (el2n-*, grand-*, forgetting-*, moderate-*) are SampleParityTest's.
      dirs = list.filter(Files::isDirectory)
          .filter(d -> d.getFileName().toString().matches("(lm|fm)-.*"))
          .sorted().collect(Collectors.toList());
    }
    assertThat(dirs).hasSizeGreaterThanOrEqualTo(8);
    return dirs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesExpected(Path dir) throws IOException {
    JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
    String method = expected.get("method").asText();
    Supplier<PruneBuilder> builder;
    SourceData source;
    if (method.equals("lm")) {
      TargetData target = TargetData.ofLogits(Npy.readMatrix(dir.resolve("target_logits.npy"), "target logits"));
      source = SourceData.ofLabels(Npy.readInts(dir.resolve("source_labels.npy"), "source labels"));
      builder = () -> Pruner.forTarget(target).labelMapping();
    } else {
      assertThat(method).isEqualTo("fm");
      TargetData target = TargetData.ofFeatures(Npy.readMatrix(dir.resolve("target_features.npy"), "target features"));
      source = SourceData.builder()
          .groups(Npy.readInts(dir.resolve("source_groups.npy"), "source groups"))
          .features(Npy.readMatrix(dir.resolve("source_features.npy"), "source features"))
          .build();
      builder = () -> Pruner.forTarget(target).featureMapping();
    }
    int[] histogram = ints(expected.get("histogram"));
    int[] ranking = ints(expected.get("ranking"));
    for (JsonNode cut : expected.get("selections")) {
      double ratio = cut.get("ratio").asDouble();
      if (cut.has("error")) {
        assertThatThrownBy(() -> builder.get().ratio(ratio).prune(source))
            .as("ratio %s", ratio)
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("leaves no group");
        continue;
      }
      int expectedKeep = cut.get("keep").asInt();
      Selection s = builder.get().ratio(ratio).prune(source);
      assertThat(s.histogram()).as("histogram").containsExactly(Arrays.stream(histogram).asDoubleStream().toArray());
      assertThat(s.ranking()).as("ranking").containsExactly(ranking);
      assertThat(s.keep()).as("keep at %s", ratio).isEqualTo(expectedKeep);
      assertThat(s.keptGroups()).as("kept groups at %s", ratio).containsExactly(ints(cut.get("keptGroups")));
      assertThat(s.keptSampleCount()).as("kept samples at %s", ratio).isEqualTo(cut.get("keptSampleCount").asInt());
      assertThat(sha(s.keptSamples())).as("kept samples sha at %s", ratio).isEqualTo(cut.get("keptSamplesSha").asText());
      if (method.equals("fm")) {
        assertThat((int[]) s.details().get("targetAssignment")).as("target assignment")
            .containsExactly(ints(expected.get("targetAssignment")));
      }
    }
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  private static String sha(int[] kept) {
    String joined = Arrays.stream(kept).mapToObj(Integer::toString).collect(Collectors.joining(","));
    return Hashing.sha256().hashString(joined, StandardCharsets.UTF_8).toString();
  }
}
