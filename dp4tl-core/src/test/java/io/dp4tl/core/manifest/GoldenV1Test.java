package io.dp4tl.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Level;
import io.dp4tl.api.Provenance;
import io.dp4tl.api.Selection;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Reads the format-version-1 artifacts committed under {@code golden/}, written once by the
 * version-1 codec. These files are never regenerated: every later dp4tl must still read them to
 * the same selection.
 */
class GoldenV1Test {

  @Test
  void readsTheClassLevelV1Artifact() {
    Selection s = Selection.read(golden("v1"));

    assertThat(s.formatVersion()).isEqualTo(1);
    assertThat(s.method()).isEqualTo("lm");
    assertThat(s.level()).isEqualTo(Level.CLASS);
    assertThat(s.rule()).isEqualTo(KeepRule.ratio(0.5));
    assertThat(s.keep()).isEqualTo(5);
    assertThat(s.groupCount()).isEqualTo(10);
    assertThat(s.sourceSampleCount()).isEqualTo(60);
    assertThat(s.keptSampleCount()).isEqualTo(35);
    assertThat(s.seed()).isZero();
    assertThat(s.options()).containsExactly(entry("batchSize", 64), entry("device", "cpu"), entry("seed", 0));
    assertThat(s.histogram()).containsExactly(4, 0, 4, 2, 1, 4, 3, 2, 3, 2);
    assertThat(s.scores()).containsExactly(4, 0, 4, 2, 1, 4, 3, 2, 3, 2);
    assertThat(s.ranking()).containsExactly(0, 2, 5, 6, 8, 3, 7, 9, 4, 1);
    assertThat(s.keptGroups()).containsExactly(0, 2, 5, 6, 8);
    assertThat(s.keptSamples()).containsExactly(1, 2, 5, 7, 9, 10, 12, 13, 14, 15, 18, 21, 22, 23, 25, 27, 28, 29,
        30, 32, 34, 35, 37, 41, 42, 44, 45, 46, 47, 48, 54, 55, 56, 57, 59);
    assertThat(s.details()).containsExactly(entry("sourceClasses", 10), entry("targetSamples", 25));

    Provenance p = s.provenance();
    assertThat(p.libraryVersion()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(p.createdAt()).isEqualTo("2025-06-01T12:00:00Z");
    assertThat(p.threads()).isEqualTo(2);
    assertThat(p.jvm()).isEqualTo("Eclipse Adoptium 25.0.1");
    assertThat(p.os()).isEqualTo("Linux amd64");
    assertThat(p.engine()).isEqualTo("none");
    assertThat(p.device()).isEqualTo("cpu");
    assertThat(p.fingerprintAlgorithm()).isEqualTo("sha256");
    assertThat(p.fingerprints()).containsExactly(
        entry("source.labels", "14d48e0016418f9f7236f10efb0acaf235d2a6e72d1c15ff3af2b07d6a0c45d1"),
        entry("target.logits", "07e28875fbff9dab218b346abbc6855c5d7e8d87ef8146aedae420b93486026f"));
    assertThat(p.timingsMillis()).containsExactly(entry("scoring", 3L), entry("selection", 0L));
  }

  @Test
  void readsTheSampleLevelV1ArtifactWithItsSidecars() {
    Selection s = Selection.read(golden("v1-sample"));

    assertThat(s.formatVersion()).isEqualTo(1);
    assertThat(s.method()).isEqualTo("random-sample");
    assertThat(s.level()).isEqualTo(Level.SAMPLE);
    assertThat(s.rule()).isEqualTo(KeepRule.ratio(0.6));
    assertThat(s.keep()).isEqualTo(5);
    assertThat(s.groupCount()).isEqualTo(12);
    assertThat(s.sourceSampleCount()).isEqualTo(12);
    assertThat(s.seed()).isEqualTo(3);
    assertThat(s.options()).containsExactly(entry("seed", 3));
    assertThat(s.histogram()).isNull();
    assertThat(s.scores()).containsExactly(0.25, 0.75, Double.NEGATIVE_INFINITY, 0.5, 0.125, 0.875, 0.375, 0.625,
        0.0625, 0.9375, 0.3125, 0.6875);
    assertThat(s.ranking()).containsExactly(9, 5, 1, 11, 7, 3, 6, 10, 0, 4, 8, 2);
    assertThat(s.keptGroups()).containsExactly(1, 5, 7, 9, 11);
    assertThat(s.keptSamples()).containsExactly(1, 5, 7, 9, 11);
    assertThat(s.details()).isEmpty();

    Provenance p = s.provenance();
    assertThat(p.libraryVersion()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(p.createdAt()).isEqualTo("2025-06-01T12:00:00Z");
    assertThat(p.threads()).isEqualTo(1);
    assertThat(p.jvm()).isEqualTo("Eclipse Adoptium 25.0.1");
    assertThat(p.os()).isEqualTo("Linux amd64");
    assertThat(p.engine()).isEqualTo("none");
    assertThat(p.device()).isEqualTo("cpu");
    assertThat(p.fingerprintAlgorithm()).isEqualTo("sha256");
    assertThat(p.fingerprints()).containsExactly(
        entry("source.labels", "14d48e0016418f9f7236f10efb0acaf235d2a6e72d1c15ff3af2b07d6a0c45d1"));
    assertThat(p.timingsMillis()).containsExactly(entry("scoring", 1L), entry("selection", 0L));
  }

  private static Path golden(String name) {
    try {
      return Path.of(GoldenV1Test.class.getResource("/golden/" + name + "/selection.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}
