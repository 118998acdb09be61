package io.dp4tl.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.hash.Hashing;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Scoring;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TrainingSignals;
import io.dp4tl.core.io.Npy;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample-level parity case (el2n, grand, forgetting, moderate in both scopes) through the
 * public API: per ratio, the keep count, kept sample count and SHA-256 of the kept indices; and a
 * written-then-read selection gives the same kept samples.
 */
class SampleParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> cases() throws IOException, URISyntaxException {
    Path root = Path.of(SampleParityTest.class.getResource("/parity").toURI());
    List<Arguments> all = new ArrayList<>();
    try (Stream<Path> list = Files.list(root)) {
      for (Path dir : list.filter(d -> d.getFileName().toString().matches("(el2n|grand|forgetting|moderate)-.*"))
          .sorted().toList()) {
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        all.add(Arguments.of(dir.getFileName().toString(), "global", dir, expected.get("selections")));
        if (expected.has("selectionsPerClass")) {
          all.add(Arguments.of(dir.getFileName().toString(), "class", dir, expected.get("selectionsPerClass")));
        }
      }
    }
    assertThat(all).hasSizeGreaterThanOrEqualTo(6);
    return all.stream();
  }

  /** The source of a parity case: labels, features and training signals as its files give them. */
  static SourceData source(Path dir) {
    SourceData.Builder source = SourceData.builder();
    if (Files.exists(dir.resolve("source_labels.npy"))) {
      source.labels(Npy.readInts(dir.resolve("source_labels.npy"), "source labels"));
    }
    List<FloatMatrix> logits = runs(dir, "source_logits_", "source logits");
    List<FloatMatrix> features = runs(dir, "source_features_", "source features");
    if (!logits.isEmpty()) {
      source.signals(TrainingSignals.ofLogitsAndFeatures(logits, features));
    } else if (Files.exists(dir.resolve("source_correctness.npy"))) {
      source.signals(TrainingSignals.ofCorrectness(
          Npy.readNumericMatrix(dir.resolve("source_correctness.npy"), "source correctness")));
    }
    if (Files.exists(dir.resolve("source_features.npy"))) {
      source.features(Npy.readMatrix(dir.resolve("source_features.npy"), "source features"));
    }
    return source.build();
  }

  private static List<FloatMatrix> runs(Path dir, String prefix, String what) {
    List<FloatMatrix> runs = new ArrayList<>();
    for (int r = 0; Files.exists(dir.resolve(prefix + r + ".npy")); r++) {
      runs.add(Npy.readMatrix(dir.resolve(prefix + r + ".npy"), what));
    }
    return runs;
  }

  @ParameterizedTest(name = "{0} scope {1}")
  @MethodSource("cases")
  void matchesExpected(String name, String scope, Path dir, JsonNode selections) throws IOException {
    String method = JSON.readTree(dir.resolve("expected.json").toFile()).get("method").asText();
    var builder = Pruner.withoutTarget().scorer(method).threads(3);
    if (method.equals("moderate")) {
      builder.option("moderate.scope", scope);
    }
    Scoring scoring = builder.score(source(dir));
    for (JsonNode cut : selections) {
      double ratio = cut.get("ratio").asDouble();
      if (cut.has("error")) {
        assertThatThrownBy(() -> scoring.select(KeepRule.ratio(ratio))).as("ratio %s", ratio)
            .isInstanceOf(InvalidInputException.class);
        continue;
      }
      Selection s = scoring.select(KeepRule.ratio(ratio));
      assertThat(s.keep()).as("keep at %s", ratio).isEqualTo(cut.get("keep").asInt());
      assertThat(s.keptSampleCount()).as("kept samples at %s", ratio).isEqualTo(cut.get("keptSampleCount").asInt());
      assertThat(sha(s.keptSamples())).as("kept samples sha at %s", ratio)
          .isEqualTo(cut.get("keptSamplesSha").asText());
    }
  }

  static String sha(int[] kept) {
    String joined = Arrays.stream(kept).mapToObj(Integer::toString).collect(Collectors.joining(","));
    return Hashing.sha256().hashString(joined, StandardCharsets.UTF_8).toString();
  }
}
