package io.dp4tl.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TargetData and SourceData straight from .npy files, through the ArrayReader dp4tl-core registers. */
class FileFactoriesTest {
  private static final Path LM_TINY = parityCase("lm-tiny");

  @TempDir Path tmp;

  private static Path parityCase(String name) {
    try {
      return Path.of(FileFactoriesTest.class.getResource("/parity/" + name + "/expected.json").toURI()).getParent();
    } catch (java.net.URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void labelMappingFromTwoFilesInOneLineEach() {
    TargetData target = TargetData.ofLogits(LM_TINY.resolve("target_logits.npy"));
    SourceData source = SourceData.ofLabels(LM_TINY.resolve("source_labels.npy"));
    Selection s = Pruner.forTarget(target).labelMapping().ratio(0.5).prune(source);

    assertThat(target.name()).isEqualTo(LM_TINY.resolve("target_logits.npy").toString());
    assertThat(source.name()).isEqualTo(LM_TINY.resolve("source_labels.npy").toString());
    assertThat(s.keptGroups()).containsExactly(0, 2, 5, 6, 8);
    assertThat(s.keptSampleCount()).isEqualTo(35);
  }

  @Test
  void featureMappingFromFilesOnBothSides() throws IOException {
    Path t = tmp.resolve("t.npy");
    Path f = tmp.resolve("f.npy");
    Path g = tmp.resolve("g.npy");
    Npy.writeFloat32(t, new float[] {0, 0, 10, 10, 10, 9}, 3, 2);
    Npy.writeFloat32(f, new float[] {0, 1, 1, 0, 10, 10, 9, 10}, 4, 2);
    Npy.writeInt64(g, new int[] {0, 0, 1, 1});
    Selection s = Pruner.forTarget(TargetData.ofFeatures(t)).featureMapping().keep(1)
        .prune(SourceData.builder().features(f).groups(g).build());
    assertThat(s.keptGroups()).containsExactly(1);
    assertThat(Pruner.forTarget(TargetData.ofFeatures(t)).featureMapping().clusters(2).seed(1).keep(1)
        .prune(SourceData.ofFeatures(f)).keptSampleCount()).isEqualTo(2);
  }

  @Test
  void disagreeingFilesAreNamedBoth() throws IOException {
    Path f = tmp.resolve("f.npy");
    Path g = tmp.resolve("g.npy");
    Npy.writeFloat32(f, new float[8], 4, 2);
    Npy.writeInt64(g, new int[] {0, 1, 1});
    assertThatThrownBy(() -> SourceData.builder().features(f).groups(g).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("features (rows) from " + f + " has 4 samples but groups from " + g + " has 3");
  }

  @Test
  void aBadIdNamesTheFileAndRow() throws IOException {
    Path l = tmp.resolve("l.npy");
    Npy.writeInt64(l, new int[] {0, 3, -1});
    assertThatThrownBy(() -> SourceData.ofLabels(l))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("label -1 at row 2 of labels from " + l + " is out of range (must be >= 0)");
  }

  @Test
  void aMissingOrForeignFileIsNamed() throws IOException {
    Path missing = tmp.resolve("missing.npy");
    assertThatThrownBy(() -> TargetData.ofLogits(missing))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(missing + ": no such file");
    Path csv = Files.writeString(tmp.resolve("logits.csv"), "1,2\n");
    assertThatThrownBy(() -> TargetData.ofLogits(csv))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(csv + ": no array reader for this file; readers found: NumPy .npy (dp4tl-core)");
    Path ints = tmp.resolve("ints.npy");
    Npy.writeInt64(ints, new int[] {1, 2});
    assertThatThrownBy(() -> TargetData.ofLogits(ints))
        .hasMessageContaining("target logits in " + ints + " must be float16/32/64");
  }
}
