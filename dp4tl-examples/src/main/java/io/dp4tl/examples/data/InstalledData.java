package io.dp4tl.examples.data;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.core.dataset.ArrayImageSet;
import io.dp4tl.core.dataset.IdxReader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code scripts/install-data.sh} puts the real data: the data directory
 * ({@code $DP4TL_DATA}, else the system property {@code dp4tl.data}, else {@code ./data}) holding
 * {@code digits.png}, {@code digits.csv.gz} and {@code fonts.list}, and Debian's
 * {@code dataset-fashion-mnist} under {@link #FASHION_MNIST}. Every accessor fails with a message
 * naming the script when something is missing.
 */
public final class InstalledData {
  /** The script that installs the data, relative to the repository root. */
  public static final String INSTALL_SCRIPT = "scripts/install-data.sh";
  /** Where Debian's {@code dataset-fashion-mnist} package puts Fashion-MNIST. */
  public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private InstalledData() {}

  /** The data directory (it may not exist yet). */
  public static Path directory() {
    String env = System.getenv("DP4TL_DATA");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String prop = System.getProperty("dp4tl.data");
    return Path.of(prop != null && !prop.isBlank() ? prop : "data");
  }

  /** OpenCV's {@code digits.png}. @throws InvalidInputException if not installed */
  public static Path digitsPng() {
    return require(directory().resolve("digits.png"));
  }

  /** scikit-learn's {@code digits.csv.gz}. @throws InvalidInputException if not installed */
  public static Path digitsCsv() {
    return require(directory().resolve("digits.csv.gz"));
  }

  /** The font list ({@code package<TAB>font file} per line). @throws InvalidInputException if not installed */
  public static Path fontsList() {
    return require(directory().resolve("fonts.list"));
  }

  /** The Fashion-MNIST directory. @throws InvalidInputException if not installed */
  public static Path fashionMnist() {
    return require(FASHION_MNIST);
  }

  /**
   * The file itself if it exists.
   *
   * @throws InvalidInputException if it does not; the message says to run {@link #INSTALL_SCRIPT}
   */
  public static Path require(Path file) {
    if (!Files.exists(file)) {
      throw new InvalidInputException(file.toAbsolutePath() + " not found: run " + INSTALL_SCRIPT
          + " (as root) to install dp4tl's data" + (file.startsWith("/usr") ? ""
              : ", or point DP4TL_DATA at the directory it wrote (now " + directory().toAbsolutePath() + ")"));
    }
    return file;
  }

  /**
   * Fashion-MNIST from {@link #fashionMnist()}: the 60,000 training or the 10,000 test images.
   *
   * @throws InvalidInputException if the files are missing (the message says how to install them)
   */
  public static ArrayImageSet fashionMnistImages(boolean train) {
    String prefix = train ? "train" : "t10k";
    Path images = require(fashionMnist().resolve(prefix + "-images-idx3-ubyte.gz"));
    Path labels = require(fashionMnist().resolve(prefix + "-labels-idx1-ubyte.gz"));
    return IdxReader.read(images, labels, IdxReader.FASHION_MNIST_CLASSES);
  }
}
