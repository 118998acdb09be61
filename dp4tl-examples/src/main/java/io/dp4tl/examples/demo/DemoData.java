package io.dp4tl.examples.demo;

import io.dp4tl.api.data.ImageSet;
import io.dp4tl.core.dataset.GridReader;
import io.dp4tl.core.dataset.IdxReader;
import io.dp4tl.core.dataset.ImageMapping;
import io.dp4tl.core.dataset.ImageSets;
import io.dp4tl.core.dataset.Split;
import io.dp4tl.core.dataset.Splits;
import io.dp4tl.core.image.Polarity;
import io.dp4tl.examples.data.InstalledData;
import io.dp4tl.examples.glyph.FontCatalog;
import io.dp4tl.examples.glyph.FontPackages;
import io.dp4tl.examples.glyph.GlyphClassSet;
import io.dp4tl.examples.glyph.GlyphJitter;
import io.dp4tl.examples.glyph.GlyphSource;
import io.dp4tl.examples.glyph.GlyphSourceOptions;
import java.util.ArrayList;
import java.util.List;

/** The demo's real data: a many-class glyph source and handwritten-digit / Fashion-MNIST targets. */
final class DemoData {
  /** Side of every image, source and target. */
  static final int SIZE = 32;

  private DemoData() {}

  /**
   * The glyph source: Latin letters and digits, Greek, Cyrillic, then CJK ideographs up to
   * {@code classes} classes, white on black, jittered, cached on disk; its classes renumbered in a
   * seeded random order, so that Label Mapping's tie rule (lower class index first) does not
   * favour the digits, which the glyph source numbers first.
   */
  static ImageSet source(DemoOptions options) {
    return ImageSets.shuffledClasses(glyphs(options), 11);
  }

  private static GlyphSource glyphs(DemoOptions options) {
    List<String> packages = new ArrayList<>(FontPackages.DEJAVU);
    packages.addAll(FontPackages.LATIN);
    packages.addAll(FontPackages.CJK);
    FontCatalog fonts = FontCatalog.fromList(InstalledData.fontsList(), packages);
    return GlyphSource.build(fonts, GlyphSourceOptions.builder(
            GlyphClassSet.LATIN_ALNUM, GlyphClassSet.GREEK, GlyphClassSet.CYRILLIC, GlyphClassSet.CJK)
        .size(SIZE)
        .polarity(Polarity.WHITE_ON_BLACK)
        .samplesPerClass(options.samplesPerClass())
        .maxClasses(options.sourceClasses())
        .jitter(GlyphJitter.defaults())
        .seed(7)
        .cacheDirectory(InstalledData.directory().resolve("glyph-cache"))
        .threads(options.threads())
        .build());
  }

  /**
   * A target's training and test splits at the source's size and polarity: handwritten digits with
   * 100 training images per class and the rest (400 per class) for test; Fashion-MNIST with 200
   * training images per class and its 10,000 test images.
   */
  static Split target(String name, long seed) {
    ImageMapping toSource = ImageMapping.of(SIZE, Polarity.WHITE_ON_BLACK, Polarity.WHITE_ON_BLACK);
    Split split;
    if (name.equals("digits")) {
      split = Splits.perClass(GridReader.opencvDigits(InstalledData.digitsPng()), 100, 400, seed);
    } else {
      ImageSet train = Splits.perClass(InstalledData.fashionMnistImages(true), 200, 0, seed).train();
      split = new Split(train, InstalledData.fashionMnistImages(false));
    }
    return new Split(ImageSets.mapped(split.train(), toSource), ImageSets.mapped(split.test(), toSource));
  }
}
