package io.dp4tl.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.Image;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.core.image.Polarity;
import io.dp4tl.core.testing.TestFiles;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageSetsTest {
  private static final ArrayImageSet GRID = GridReader.read(TestFiles.resource("data/digits-2x10.png"), 20, 20, 1,
      List.of("0", "1"));

  @Test
  void subsetPicksImagesAndLabelsByIndex() {
    ImageSet s = ImageSets.subset(GRID, new int[] {13, 0, 13});
    assertThat(s.size()).isEqualTo(3);
    assertThat(s.label(0)).isEqualTo(1);
    assertThat(s.label(1)).isZero();
    assertThat(s.image(2).pixels()).isEqualTo(GRID.image(13).pixels());
    assertThat(s.classNames()).isEqualTo(GRID.classNames());
    assertThat(s.fingerprint()).isNotEqualTo(GRID.fingerprint())
        .isNotEqualTo(ImageSets.subset(GRID, new int[] {13, 0}).fingerprint())
        .isEqualTo(ImageSets.subset(GRID, new int[] {13, 0, 13}).fingerprint());
    assertThatThrownBy(() -> ImageSets.subset(GRID, new int[] {20})).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void mappedResizesAndFlipsPolarity() {
    ImageSet m = ImageSets.mapped(GRID, ImageMapping.of(32, Polarity.WHITE_ON_BLACK, Polarity.BLACK_ON_WHITE));
    Image img = m.image(0);
    assertThat(img.width()).isEqualTo(32);
    assertThat(img.height()).isEqualTo(32);
    assertThat(img.value(0, 0, 0)).isEqualTo(255); // the black corner of a white-on-black digit, inverted
    assertThat(m.label(12)).isEqualTo(1);
    ImageSet same = ImageSets.mapped(GRID, ImageMapping.of(32, Polarity.WHITE_ON_BLACK, Polarity.WHITE_ON_BLACK));
    assertThat(same.image(0).value(0, 0, 0)).isZero();
    assertThat(same.fingerprint()).isNotEqualTo(m.fingerprint());
  }

  @Test
  void perClassSplitsAreDisjointBalancedAndSeeded() {
    Split a = Splits.perClass(GRID, 3, 2, 42);
    Split b = Splits.perClass(GRID, 3, 2, 42);
    assertThat(a.train().size()).isEqualTo(6);
    assertThat(a.test().size()).isEqualTo(4);
    assertThat(a.train().fingerprint()).isEqualTo(b.train().fingerprint());
    Set<String> seen = new HashSet<>();
    int[] perClass = new int[2];
    for (ImageSet part : List.of(a.train(), a.test())) {
      for (int i = 0; i < part.size(); i++) {
        assertThat(seen.add(new String(part.image(i).pixels(), java.nio.charset.StandardCharsets.ISO_8859_1)))
            .as("image %s appears twice", i).isTrue();
        if (part == a.train()) {
          perClass[part.label(i)]++;
        }
      }
    }
    assertThat(perClass).containsExactly(3, 3);
    Set<String> trains = new HashSet<>();
    for (long seed = 0; seed < 5; seed++) {
      trains.add(Splits.perClass(GRID, 3, 2, seed).train().fingerprint());
    }
    assertThat(trains).hasSizeGreaterThan(1);
    assertThatThrownBy(() -> Splits.perClass(GRID, 8, 3, 0)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("class '0' has 10 images");
  }

  @Test
  void shuffledClassesRenumberLabelsAndNamesTogether() {
    ImageSet set = new ArrayImageSet("three", 1, 1, 1, new byte[] {1, 2, 3}, new int[] {0, 1, 2}, List.of("a", "b", "c"));
    ImageSet shuffled = ImageSets.shuffledClasses(set, 5);
    for (int i = 0; i < 3; i++) {
      assertThat(shuffled.classNames().get(shuffled.label(i))).isEqualTo(set.classNames().get(set.label(i)));
      assertThat(shuffled.image(i).pixels()).isEqualTo(set.image(i).pixels());
    }
    assertThat(shuffled.classNames()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(ImageSets.shuffledClasses(set, 5).classNames()).isEqualTo(shuffled.classNames());
    assertThat(shuffled.fingerprint()).isNotEqualTo(set.fingerprint());
  }
}
