package io.dp4tl.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.hash.Hashing;
import io.dp4tl.api.Ranking;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.core.io.Npy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GPU only: Label Mapping from logits and Feature Mapping with given groups select exactly what
 * the parity cases expect, and exactly what the CPU accelerator computes.
 */
class CudaParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> lmCases() throws IOException {
    return cases("lm-");
  }

  static Stream<Path> fmCases() throws IOException {
    return cases("fm-");
  }

  private static Stream<Path> cases(String prefix) throws IOException {
    Path root = Path.of(System.getProperty("dp4tl.parity.dir", "../dp4tl-core/src/test/resources/parity"));
    try (Stream<Path> all = Files.list(root)) {
      List<Path> found = all.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
      assertThat(found).as("parity cases under %s", root).isNotEmpty();
      return found.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("lmCases")
  void labelMappingMatchesTheParityCaseAndTheCpu(Path dir) throws IOException {
    CudaAccelerator cuda = GpuTests.cudaOrSkip();
    FloatMatrix logits = Npy.readMatrix(dir.resolve("target_logits.npy"), "target logits");
    int[] labels = Npy.readInts(dir.resolve("source_labels.npy"), "source labels");
    JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());

    long[] histogram = cuda.argmaxHistogram(logits, 2, RunControl.none());

    assertThat(histogram).containsExactly(longs(expected.get("histogram")));
    assertThat(histogram).containsExactly(GpuTests.cpu().argmaxHistogram(logits, 2, RunControl.none()));
    assertSelections(histogram, labels, expected);
  }

  @ParameterizedTest
  @MethodSource("fmCases")
  void featureMappingWithGivenGroupsMatchesTheParityCaseAndTheCpu(Path dir) throws IOException {
    CudaAccelerator cuda = GpuTests.cudaOrSkip();
    FloatMatrix source = Npy.readMatrix(dir.resolve("source_features.npy"), "source features");
    FloatMatrix target = Npy.readMatrix(dir.resolve("target_features.npy"), "target features");
    int[] groups = Npy.readInts(dir.resolve("source_groups.npy"), "source groups");
    JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
    int k = expected.get("histogram").size();
    float[] centroids = groupMeans(source, groups, k);

    int[] assignment = cuda.nearest(target, centroids, k, 2, RunControl.none());

    assertThat(assignment).containsExactly(ints(expected.get("targetAssignment")));
    assertThat(assignment).containsExactly(GpuTests.cpu().nearest(target, centroids, k, 2, RunControl.none()));
    long[] histogram = new long[k];
    for (int g : assignment) {
      histogram[g]++;
    }
    assertThat(histogram).containsExactly(longs(expected.get("histogram")));
    assertSelections(histogram, groups, expected);
  }

  private static void assertSelections(long[] histogram, int[] groupOfSample, JsonNode expected) {
    double[] scores = Arrays.stream(histogram).asDoubleStream().toArray();
    int[] ranking = Ranking.rank(scores);
    assertThat(ranking).containsExactly(ints(expected.get("ranking")));
    for (JsonNode selection : expected.get("selections")) {
      if (selection.has("error")) {
        continue;
      }
      int keep = selection.get("keep").asInt();
      int[] kept = Arrays.stream(ranking, 0, keep).sorted().toArray();
      assertThat(kept).containsExactly(ints(selection.get("keptGroups")));
      boolean[] isKept = new boolean[histogram.length];
      for (int g : kept) {
        isKept[g] = true;
      }
      List<Integer> samples = new ArrayList<>();
      for (int i = 0; i < groupOfSample.length; i++) {
        if (isKept[groupOfSample[i]]) {
          samples.add(i);
        }
      }
      StringJoiner joined = new StringJoiner(",");
      samples.forEach(i -> joined.add(Integer.toString(i)));
      assertThat(samples).hasSize(selection.get("keptSampleCount").asInt());
      assertThat(Hashing.sha256().hashString(joined.toString(), StandardCharsets.UTF_8).toString())
          .isEqualTo(selection.get("keptSamplesSha").asText());
    }
  }

  /** Mean of each group's rows, accumulated in double. */
  private static float[] groupMeans(FloatMatrix x, int[] groups, int k) {
    int d = x.cols();
    double[] sums = new double[k * d];
    long[] counts = new long[k];
    float[] row = new float[d];
    for (int i = 0; i < x.rows(); i++) {
      x.copyRows(i, 1, row, 0);
      counts[groups[i]]++;
      for (int c = 0; c < d; c++) {
        sums[groups[i] * d + c] += row[c];
      }
    }
    float[] means = new float[k * d];
    for (int j = 0; j < k * d; j++) {
      means[j] = (float) (sums[j] / counts[j / d]);
    }
    return means;
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }
}
