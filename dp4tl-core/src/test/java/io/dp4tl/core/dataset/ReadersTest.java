package io.dp4tl.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.Image;
import io.dp4tl.core.dataset.internal.DataFiles;
import io.dp4tl.core.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers on small slices cut from the real files (Fashion-MNIST t10k, OpenCV digits.png, sklearn digits). */
class ReadersTest {
  private static final Path IDX_IMAGES = TestFiles.resource("data/fashion-t10k-8-images-idx3-ubyte.gz");
  private static final Path IDX_LABELS = TestFiles.resource("data/fashion-t10k-8-labels-idx1-ubyte.gz");

  private static int sum(Image img) {
    int s = 0;
    for (byte b : img.pixels()) {
      s += b & 0xff;
    }
    return s;
  }

  private static int[] labels(ArrayImageSet set) {
    int[] y = new int[set.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = set.label(i);
    }
    return y;
  }

  @Test
  void readsGzippedAndPlainIdxAlike(@TempDir Path dir) throws Exception {
    ArrayImageSet gz = IdxReader.read(IDX_IMAGES, IDX_LABELS, IdxReader.FASHION_MNIST_CLASSES);
    assertThat(gz.size()).isEqualTo(8);
    assertThat(gz.width()).isEqualTo(28);
    assertThat(gz.height()).isEqualTo(28);
    assertThat(labels(gz)).containsExactly(9, 2, 1, 1, 6, 1, 4, 6);
    assertThat(gz.classNames().get(9)).isEqualTo("Ankle boot");
    assertThat(sum(gz.image(0))).isEqualTo(33456);
    assertThat(sum(gz.image(5))).isEqualTo(50259);
    Path plainImages = Files.write(dir.resolve("images-idx3-ubyte"), DataFiles.readMaybeGzipped(IDX_IMAGES));
    Path plainLabels = Files.write(dir.resolve("labels-idx1-ubyte"), DataFiles.readMaybeGzipped(IDX_LABELS));
    ArrayImageSet plain = IdxReader.read(plainImages, plainLabels, IdxReader.FASHION_MNIST_CLASSES);
    assertThat(plain.fingerprint()).isEqualTo(gz.fingerprint()).hasSize(64);
  }

  @Test
  void refusesBrokenIdxNamingTheFile(@TempDir Path dir) throws Exception {
    byte[] images = DataFiles.readMaybeGzipped(IDX_IMAGES);
    Path truncated = Files.write(dir.resolve("cut-idx3"), Arrays.copyOf(images, 1000));
    assertThatThrownBy(() -> IdxReader.read(truncated, IDX_LABELS, IdxReader.FASHION_MNIST_CLASSES))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cut-idx3").hasMessageContaining("truncated");
    assertThatThrownBy(() -> IdxReader.read(IDX_LABELS, IDX_LABELS, IdxReader.FASHION_MNIST_CLASSES))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("magic 2049, expected 2051");
    assertThatThrownBy(() -> IdxReader.read(IDX_IMAGES, IDX_LABELS, List.of("a", "b")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("label 9 at row 0");
    Path badGzip = Files.write(dir.resolve("bad.gz"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
    assertThatThrownBy(() -> IdxReader.read(badGzip, IDX_LABELS, IdxReader.FASHION_MNIST_CLASSES))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("bad.gz");
  }

  @Test
  void cutsAPngGridIntoLabelledCells(@TempDir Path dir) throws Exception {
    Path png = TestFiles.resource("data/digits-2x10.png");
    ArrayImageSet grid = GridReader.read(png, 20, 20, 1, List.of("0", "1"));
    assertThat(grid.size()).isEqualTo(20);
    assertThat(labels(grid)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
    assertThat(sum(grid.image(0))).isEqualTo(16057);
    assertThat(sum(grid.image(13))).isEqualTo(6052);
    assertThatThrownBy(() -> GridReader.read(png, 30, 20, 1, List.of("0", "1")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a whole grid");
    assertThatThrownBy(() -> GridReader.opencvDigits(png))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("expected 5 per class for 10 classes");
    byte[] bytes = Files.readAllBytes(png);
    Path corrupt = Files.write(dir.resolve("corrupt.png"), Arrays.copyOf(bytes, bytes.length / 3));
    assertThatThrownBy(() -> GridReader.read(corrupt, 20, 20, 1, List.of("0", "1")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("corrupt.png");
  }

  @Test
  void readsCsvDigitsScaledTo255(@TempDir Path dir) throws Exception {
    ArrayImageSet csv = CsvReader.sklearnDigits(TestFiles.resource("data/digits-12.csv.gz"));
    assertThat(csv.size()).isEqualTo(12);
    assertThat(csv.width()).isEqualTo(8);
    assertThat(labels(csv)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1);
    assertThat(csv.image(0).value(2, 0, 0)).isEqualTo(80); // 5 * 255 / 16
    assertThat(csv.image(0).value(3, 0, 0)).isEqualTo(207); // 13 * 255 / 16
    Path bad = Files.writeString(dir.resolve("bad.csv"), "1,2,3,4\n1,2,3\n");
    assertThatThrownBy(() -> CsvReader.read(bad, 1, 3, 16, List.of("a", "b", "c", "d", "e")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("bad.csv: line 2 has 3 columns, expected 4");
    Path big = Files.writeString(dir.resolve("big.csv"), "1,17,0\n");
    assertThatThrownBy(() -> CsvReader.read(big, 2, 1, 16, List.of("a")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("line 1 column 2: value 17");
  }

  @Test
  void readsNpyImageArrays() {
    ArrayImageSet npy = NpyReader.read(TestFiles.resource("data/fashion-6-images.npy"),
        TestFiles.resource("data/fashion-6-labels.npy"), IdxReader.FASHION_MNIST_CLASSES);
    ArrayImageSet idx = IdxReader.read(IDX_IMAGES, IDX_LABELS, IdxReader.FASHION_MNIST_CLASSES);
    assertThat(npy.size()).isEqualTo(6);
    assertThat(labels(npy)).containsExactly(9, 2, 1, 1, 6, 1);
    assertThat(npy.image(5).pixels()).isEqualTo(idx.image(5).pixels());
    ArrayImageSet rgb = NpyReader.read(TestFiles.resource("data/fashion-6-images-nhwc3.npy"), null, null);
    assertThat(rgb.channels()).isEqualTo(3);
    assertThat(rgb.label(1)).isEqualTo(-1);
    assertThat(rgb.classNames()).isEmpty();
    assertThat(rgb.image(1).value(10, 12, 2)).isEqualTo(idx.image(1).value(10, 12, 0));
    ArrayImageSet numbered = NpyReader.read(TestFiles.resource("data/fashion-6-images.npy"),
        TestFiles.resource("data/fashion-6-labels.npy"), null);
    assertThat(numbered.classNames()).hasSize(10).startsWith("0");
    assertThatThrownBy(() -> NpyReader.read(TestFiles.resource("data/fashion-6-labels.npy"), null, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("[N, H, W]");
  }

  @Test
  void readsAnImageFolderTreeFailingOrSkippingCorruptFiles(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("tree");
    for (String f : List.of("zero/a.png", "zero/b.png", "one/a.png")) {
      Files.createDirectories(root.resolve(f).getParent());
      Files.copy(TestFiles.resource("data/folder/" + f), root.resolve(f));
    }
    Files.writeString(root.resolve("zero/broken.png"), "not a png");
    Files.writeString(root.resolve("zero/notes.txt"), "ignored");

    FolderImageSet strict = FolderImageSet.open(root);
    assertThat(strict.classNames()).containsExactly("one", "zero");
    assertThat(strict.size()).isEqualTo(4);
    assertThat(strict.label(0)).isZero();
    assertThat(strict.image(1).width()).isEqualTo(20);
    int broken = 3;
    assertThat(strict.file(broken).getFileName().toString()).isEqualTo("broken.png");
    assertThatThrownBy(() -> strict.image(broken)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("broken.png");

    FolderImageSet lenient = FolderImageSet.open(root, CorruptImages.SKIP);
    assertThat(lenient.size()).isEqualTo(3);
    assertThat(lenient.skipped()).hasSize(1);
    assertThat(lenient.toString()).contains("1 corrupt skipped");
    assertThat(lenient.fingerprint()).isEqualTo(FolderImageSet.open(root, CorruptImages.SKIP).fingerprint())
        .isNotEqualTo(strict.fingerprint());
    // the cell decoded from the PNG is the one the grid reader cuts from the same pixels
    ArrayImageSet grid = GridReader.read(TestFiles.resource("data/digits-2x10.png"), 20, 20, 1, List.of("0", "1"));
    assertThat(lenient.image(1).pixels()).isEqualTo(grid.image(0).pixels());

    assertThatThrownBy(() -> FolderImageSet.open(dir.resolve("absent"), CorruptImages.FAIL))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("absent");
  }
}
