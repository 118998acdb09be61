package io.dp4tl.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.core.dataset.GridReader;
import io.dp4tl.core.dataset.IdxReader;
import io.dp4tl.core.dataset.ImageMapping;
import io.dp4tl.core.dataset.ImageSets;
import io.dp4tl.core.dataset.Splits;
import io.dp4tl.core.image.Polarity;
import io.dp4tl.examples.data.InstalledData;
import io.dp4tl.examples.glyph.FontCatalog;
import io.dp4tl.examples.glyph.FontPackages;
import io.dp4tl.examples.glyph.GlyphClassSet;
import io.dp4tl.examples.glyph.GlyphJitter;
import io.dp4tl.examples.glyph.GlyphSource;
import io.dp4tl.examples.glyph.GlyphSourceOptions;
import io.dp4tl.examples.surrogate.PpOcrSurrogate;
import io.dp4tl.onnx.OnnxBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Label Mapping through the public API with a real surrogate (PP-OCRv4) over a real many-class
 * source (5,150 classes: Latin, Greek, Cyrillic and CJK glyphs from DejaVu and WenQuanYi Micro Hei)
 * for real targets, 100 training images per class. Handwritten digits must pull the digit classes
 * to the top of the ranking and give them most votes; Fashion-MNIST must not. Needs the installed
 * data (fails naming scripts/install-data.sh when it is missing).
 */
class PpOcrLabelMappingIT {
  private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
  private static GlyphSource glyphs;
  private static OnnxBackend ppocr;

  @BeforeAll
  static void open() {
    List<String> fonts = new ArrayList<>(FontPackages.DEJAVU);
    fonts.add("fonts-wqy-microhei");
    glyphs = GlyphSource.build(FontCatalog.ofPackages(fonts), GlyphSourceOptions.builder(GlyphClassSet.LATIN_ALNUM,
        GlyphClassSet.GREEK, GlyphClassSet.CYRILLIC, GlyphClassSet.CJK).samplesPerClass(1).jitter(GlyphJitter.none())
        .build());
    ppocr = PpOcrSurrogate.open(glyphs.classNames(), Polarity.WHITE_ON_BLACK, 1);
  }

  @AfterAll
  static void close() {
    ppocr.close();
  }

  /** 100 images per class of the target, as 32x32 white-on-black images like the source's. */
  private static ImageSet target(ImageSet all) {
    ImageSet train = Splits.perClass(all, 100, 0, 7).train();
    return ImageSets.mapped(train, ImageMapping.of(32, Polarity.WHITE_ON_BLACK, Polarity.WHITE_ON_BLACK));
  }

  /** The LM selection for this target at ratio 0.9, through the public API. */
  private static Selection labelMapping(ImageSet target) {
    Selection s = Pruner.forTarget(TargetData.ofImages(target)).labelMapping().surrogate(ppocr).ratio(0.9)
        .prune(SourceData.builder().images(glyphs).build());
    int classes = glyphs.classNames().size();
    assertThat(s.groupCount()).isEqualTo(classes);
    assertThat(s.keptGroups()).hasSize(KeepRule.ratio(0.9).resolve(classes));
    return s;
  }

  /** The class names of the first n of the ranking. */
  private static List<String> top(Selection s, int n) {
    List<String> top = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      top.add(glyphs.classNames().get(s.ranking()[i]));
    }
    return top;
  }

  private static long digits(List<String> classes) {
    return classes.stream().filter(DIGITS::contains).count();
  }

  /** The fraction of the target's votes that went to the digit classes. */
  private static double digitVoteShare(Selection s) {
    double digits = 0;
    double all = 0;
    for (int c = 0; c < glyphs.classNames().size(); c++) {
      all += s.histogram()[c];
      digits += DIGITS.contains(glyphs.classNames().get(c)) ? s.histogram()[c] : 0;
    }
    return digits / all;
  }

  @Test
  void handwrittenDigitsRankTheDigitClassesFirst() {
    Selection s = labelMapping(target(GridReader.opencvDigits(InstalledData.digitsPng())));
    List<String> top30 = top(s, 30);
    assertThat(digits(top30)).as("digits in the top 30 %s", top30).isGreaterThanOrEqualTo(7);
    assertThat(digits(top30.subList(0, 10))).as("digits in the top 10 %s", top30).isGreaterThanOrEqualTo(7);
    assertThat(digitVoteShare(s)).isGreaterThan(0.5);
  }

  @Test
  void fashionMnistDoesNot() {
    Selection s = labelMapping(target(InstalledData.fashionMnistImages(false)));
    // an OCR model reads clothes as letters and some digits (0, 1, 8): the digit classes do not lead
    List<String> top10 = top(s, 10);
    assertThat(digits(top10)).as("digits in the top 10 %s", top10).isLessThan(7);
    assertThat(digitVoteShare(s)).isLessThan(0.3);
  }
}
