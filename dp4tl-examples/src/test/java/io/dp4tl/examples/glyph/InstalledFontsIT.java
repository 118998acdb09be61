package io.dp4tl.examples.glyph;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.examples.data.InstalledData;
import org.junit.jupiter.api.Test;

/** The font list written by scripts/install-data.sh; fails (never skips) when it is missing. */
class InstalledFontsIT {
  @Test
  void fontListAgreesWithDpkgAndCoversEveryStatedPackage() {
    FontCatalog listed = FontCatalog.fromList(InstalledData.fontsList(), FontPackages.DEJAVU);
    assertThat(listed.files()).isEqualTo(FontCatalog.ofPackages(FontPackages.DEJAVU).files());
    assertThat(FontCatalog.fromList(InstalledData.fontsList(), FontPackages.LATIN).files()).hasSizeGreaterThan(400);
    assertThat(FontCatalog.fromList(InstalledData.fontsList(), FontPackages.CJK).files()).hasSizeGreaterThan(20);
  }
}
