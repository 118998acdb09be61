package io.dp4tl.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Selection;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Reads the format-version-2 artifacts committed under {@code golden/} (the version-1 artifacts
 * read and written once by the version-2 codec). Never regenerated: every later dp4tl must still
 * read them to the same selection as their version-1 originals.
 */
class GoldenV2Test {

  @Test
  void readsTheClassLevelV2ArtifactToTheSelectionOfItsV1Original() {
    Selection v2 = Selection.read(golden("v2"));
    Selection v1 = Selection.read(golden("v1"));

    assertThat(v2.formatVersion()).isEqualTo(2);
    assertThat(v2.rule()).isEqualTo(KeepRule.ratio(0.5));
    assertThat(v2).isEqualTo(v1);
    assertThat(v2.provenance()).isEqualTo(v1.provenance());
  }

  @Test
  void readsTheSampleLevelV2ArtifactToTheSelectionOfItsV1Original() {
    Selection v2 = Selection.read(golden("v2-sample"));
    Selection v1 = Selection.read(golden("v1-sample"));

    assertThat(v2.formatVersion()).isEqualTo(2);
    assertThat(v2.rule()).isEqualTo(KeepRule.ratio(0.6));
    assertThat(v2).isEqualTo(v1);
    assertThat(v2.provenance()).isEqualTo(v1.provenance());
  }

  private static Path golden(String name) {
    try {
      return Path.of(GoldenV2Test.class.getResource("/golden/" + name + "/selection.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}
