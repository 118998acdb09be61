package io.dp4tl.examples.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.api.data.Image;
import io.dp4tl.core.dataset.ArrayImageSet;
import io.dp4tl.core.dataset.CsvReader;
import io.dp4tl.core.dataset.GridReader;
import org.junit.jupiter.api.Test;

/**
 * The readers on the full installed files. These fail (never skip) when the data is missing: run
 * {@code scripts/install-data.sh} first, as CI does.
 */
class InstalledDataIT {

  @Test
  void opencvDigitsHas500OfEachDigit() {
    ArrayImageSet digits = GridReader.opencvDigits(InstalledData.digitsPng());
    assertThat(digits.size()).isEqualTo(5000);
    int[] counts = new int[10];
    long sum = 0;
    for (int i = 0; i < digits.size(); i++) {
      counts[digits.label(i)]++;
      for (byte b : digits.image(i).pixels()) {
        sum += b & 0xff;
      }
    }
    assertThat(counts).containsOnly(500);
    assertThat(sum).isEqualTo(67_616_410L);
    assertThat(digits.label(499)).isZero();
    assertThat(digits.label(500)).isEqualTo(1);
  }

  @Test
  void sklearnDigitsHas1797Images() {
    ArrayImageSet digits = CsvReader.sklearnDigits(InstalledData.digitsCsv());
    assertThat(digits.size()).isEqualTo(1797);
    assertThat(digits.label(0)).isZero();
  }

  @Test
  void fashionMnistHas60kTrainAnd10kTestImages() {
    ArrayImageSet train = InstalledData.fashionMnistImages(true);
    ArrayImageSet test = InstalledData.fashionMnistImages(false);
    assertThat(train.size()).isEqualTo(60_000);
    assertThat(test.size()).isEqualTo(10_000);
    Image first = test.image(0);
    assertThat(first.width()).isEqualTo(28);
    assertThat(test.label(0)).isEqualTo(9);
  }
}
