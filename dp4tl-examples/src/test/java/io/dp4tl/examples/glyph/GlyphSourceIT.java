package io.dp4tl.examples.glyph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.core.image.Polarity;
import io.dp4tl.examples.glyph.internal.GlyphRenderer;
import io.dp4tl.examples.glyph.internal.LoadedFace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The glyph source on the DejaVu faces, which every machine here has. */
class GlyphSourceIT {
  private static final FontCatalog DEJAVU = FontCatalog.ofPackages(FontPackages.DEJAVU);

  private static GlyphSourceOptions.Builder latin() {
    return GlyphSourceOptions.builder(GlyphClassSet.LATIN_ALNUM).samplesPerClass(26).seed(5);
  }

  @Test
  void rendersLatinLettersAndDigitsDeterministicallyWhateverTheThreads() {
    GlyphSource one = GlyphSource.build(DEJAVU, latin().threads(1).build());
    GlyphSource two = GlyphSource.build(DEJAVU, latin().threads(2).build());
    assertThat(one.classNames()).hasSize(62).startsWith("0", "1", "2").contains("A", "z");
    assertThat(one.size()).isEqualTo(62 * 26);
    assertThat(one.faceCount()).isGreaterThanOrEqualTo(20);
    assertThat(one.image(0).width()).isEqualTo(32);
    assertThat(one.label(25)).isZero();
    assertThat(one.label(26)).isEqualTo(1);
    assertThat(two.fingerprint()).isEqualTo(one.fingerprint());
    for (int i = 0; i < one.size(); i += 97) {
      assertThat(two.image(i).pixels()).isEqualTo(one.image(i).pixels());
    }
    assertThat(one.fromCache()).isFalse();
    // more samples than distinct faces: the extra ones are jittered, so they differ from the plain renderings
    int distinct = one.distinctRenderings(0);
    assertThat(distinct).isBetween(2, 25);
    assertThat(one.image(distinct).pixels()).isNotEqualTo(one.image(0).pixels());
    GlyphSource otherSeed = GlyphSource.build(DEJAVU, GlyphSourceOptions.builder(GlyphClassSet.LATIN_ALNUM)
        .samplesPerClass(26).seed(6).build());
    assertThat(otherSeed.fingerprint()).isNotEqualTo(one.fingerprint());
  }

  @Test
  void dropsDuplicateRenderingsAndLimitsClassesWithoutJitter() {
    GlyphSource g = GlyphSource.build(DEJAVU, GlyphSourceOptions.builder(GlyphClassSet.LATIN_ALNUM)
        .samplesPerClass(1000).jitter(GlyphJitter.none()).maxClasses(10).polarity(Polarity.BLACK_ON_WHITE).build());
    assertThat(g.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    int expected = 0;
    for (int c = 0; c < 10; c++) {
      expected += g.distinctRenderings(c);
      assertThat(g.distinctRenderings(c)).isLessThanOrEqualTo(g.faceCount());
    }
    assertThat(g.size()).isEqualTo(expected);
    assertThat(g.duplicatesDropped()).isPositive(); // DejaVu's Sans, Sans Condensed and Sans Mono share some digit designs
    assertThat(g.image(0).value(0, 0, 0)).isEqualTo(255); // black on white: the corner is white
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < g.size(); i++) {
      assertThat(seen.add(g.label(i) + new String(g.image(i).pixels(), java.nio.charset.StandardCharsets.ISO_8859_1)))
          .as("duplicate image %s", i).isTrue();
    }
  }

  @Test
  void secondBuildIsReadFromTheCache(@TempDir Path cache) {
    GlyphSource first = GlyphSource.build(DEJAVU, latin().cacheDirectory(cache).build());
    GlyphSource second = GlyphSource.build(DEJAVU, latin().cacheDirectory(cache).build());
    assertThat(first.fromCache()).isFalse();
    assertThat(second.fromCache()).isTrue();
    assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(second.classNames()).isEqualTo(first.classNames());
    assertThat(second.image(77).pixels()).isEqualTo(first.image(77).pixels());
    assertThat(second.distinctRenderings(3)).isEqualTo(first.distinctRenderings(3));
    GlyphSource otherSize = GlyphSource.build(DEJAVU, latin().cacheDirectory(cache).size(24).build());
    assertThat(otherSize.fromCache()).isFalse();
    assertThat(otherSize.image(0).width()).isEqualTo(24);
  }

  @Test
  void aDamagedCacheEntryIsRebuilt(@TempDir Path cache) throws Exception {
    GlyphSource first = GlyphSource.build(DEJAVU, latin().maxClasses(3).cacheDirectory(cache).build());
    try (var dirs = Files.list(cache)) {
      Path entry = dirs.findFirst().orElseThrow();
      Files.write(entry.resolve("images.npy"), new byte[] {1, 2, 3});
    }
    GlyphSource again = GlyphSource.build(DEJAVU, latin().maxClasses(3).cacheDirectory(cache).build());
    assertThat(again.fromCache()).isFalse();
    assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
  }

  @Test
  void crossScriptHomoglyphsAreMergedOrDropped() {
    LoadedFace sans = LoadedFace.load(List.of(new FontFile("fonts-dejavu-core",
        Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))), 32).get(0);
    try (GlyphRenderer r = new GlyphRenderer(32)) {
      // the premise: Latin A, Greek Alpha and Cyrillic A are the same picture
      byte[] latinA = r.render(sans.font(), 'A', GlyphRenderer.Jitter.NONE);
      assertThat(r.render(sans.font(), 0x391, GlyphRenderer.Jitter.NONE)).isEqualTo(latinA);
      assertThat(r.render(sans.font(), 0x410, GlyphRenderer.Jitter.NONE)).isEqualTo(latinA);
    }
    GlyphSourceOptions.Builder scripts = GlyphSourceOptions.builder(GlyphClassSet.LATIN_ALNUM, GlyphClassSet.GREEK,
        GlyphClassSet.CYRILLIC).jitter(GlyphJitter.none()).samplesPerClass(1);
    GlyphSource merged = GlyphSource.build(DEJAVU, scripts.homoglyphs(HomoglyphPolicy.MERGE).build());
    GlyphSource dropped = GlyphSource.build(DEJAVU, GlyphSourceOptions.builder(GlyphClassSet.LATIN_ALNUM,
        GlyphClassSet.GREEK, GlyphClassSet.CYRILLIC).jitter(GlyphJitter.none()).samplesPerClass(1)
        .homoglyphs(HomoglyphPolicy.DROP).build());
    int absorbed = 0;
    for (int[] group : Homoglyphs.groups()) {
      absorbed += group.length - 1;
    }
    assertThat(merged.classNames()).hasSize(62 + 49 + 66 - absorbed).contains("A", "K", "Γ", "Ж", "y")
        .doesNotContain("Α", "А", "Κ", "К", "Г", "у");
    assertThat(dropped.classNames()).isEqualTo(merged.classNames());
    int k = merged.classNames().indexOf("K");
    // DejaVu draws Greek Kappa and Cyrillic Ka differently from Latin K in some faces: merging pools them
    assertThat(merged.distinctRenderings(k)).isGreaterThan(dropped.distinctRenderings(k));
    for (int c = 0; c < merged.classNames().size(); c++) {
      assertThat(merged.distinctRenderings(c)).isGreaterThanOrEqualTo(dropped.distinctRenderings(c));
    }
  }

  @Test
  void classSetsHaveTheirStatedSizes() {
    assertThat(GlyphClassSet.LATIN_ALNUM.codePoints()).hasSize(62);
    assertThat(GlyphClassSet.GREEK.codePoints()).hasSize(49);
    assertThat(GlyphClassSet.CYRILLIC.codePoints()).hasSize(66);
    int[] cjk = GlyphClassSet.CJK.codePoints();
    // 3,755 GB2312 level-1 hanzi and 2,965 JIS level-1 kanji share 1,711 characters
    assertThat(cjk).hasSize(5009).contains('国', '日', '語', '汉');
  }

  @Test
  void unreadableFontsAndMissingPackagesFailClearly(@TempDir Path dir) throws Exception {
    Path broken = Files.write(dir.resolve("broken.ttf"), new byte[] {0, 1, 0, 0, 9, 9, 9});
    GlyphSourceOptions opts = latin().build();
    assertThatThrownBy(() -> GlyphSource.build(FontCatalog.ofFiles(List.of(broken)), opts))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("broken.ttf");
    assertThatThrownBy(() -> FontCatalog.ofPackages(List.of("fonts-no-such-package-dp4tl")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("fonts-no-such-package-dp4tl")
        .hasMessageContaining("scripts/install-data.sh");
    assertThatThrownBy(() -> FontCatalog.fromList(dir.resolve("fonts.list"), FontPackages.DEJAVU))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("scripts/install-data.sh");
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> GlyphSourceOptions.builder().build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GlyphSourceOptions.builder(GlyphClassSet.GREEK, GlyphClassSet.GREEK).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat");
    assertThatThrownBy(() -> latin().size(4).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> latin().seed(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new GlyphJitter(0.9, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
