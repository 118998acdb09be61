package io.dp4tl.core.dataset;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.dp4tl.api.data.Image;
import io.dp4tl.api.data.ImageSet;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Equally sized 8-bit images held in memory in one array, with labels: what the IDX, grid, CSV and
 * {@code .npy} readers and the glyph source give. Immutable and thread-safe. Its fingerprint is the
 * SHA-256 of the shape, the pixels, the labels and the class names.
 */
public final class ArrayImageSet implements ImageSet {
  private final String name;
  private final int width;
  private final int height;
  private final int channels;
  private final byte[] pixels;
  private final int[] labels;
  private final ImmutableList<String> classNames;
  private final Supplier<String> fingerprint = Suppliers.memoize(this::hash);

  /**
   * Wraps the arrays (held, not copied: do not modify them afterwards).
   *
   * @param name what the set is, for messages
   * @param pixels {@code n * height * width * channels} bytes, image after image, channels
   *     interleaved
   * @param labels one class per image in {@code [0, classNames.size())}, or {@code null} for an
   *     unlabelled set (then classNames must be empty)
   * @throws IllegalArgumentException if the shapes disagree or a label is out of range
   */
  public ArrayImageSet(
      String name, int width, int height, int channels, byte[] pixels, int[] labels, List<String> classNames) {
    this.name = requireNonNull(name, "name");
    checkArgument(width > 0 && height > 0, "image size must be positive, got %sx%s", width, height);
    checkArgument(channels == 1 || channels == 3, "channels must be 1 or 3, got %s", channels);
    int imageBytes = width * height * channels;
    checkArgument(pixels.length % imageBytes == 0, "%s: %s bytes are not whole %sx%sx%s images", name, pixels.length,
        width, height, channels);
    int n = pixels.length / imageBytes;
    this.classNames = ImmutableList.copyOf(classNames);
    if (labels != null) {
      checkArgument(labels.length == n, "%s: %s labels for %s images", name, labels.length, n);
      for (int i = 0; i < n; i++) {
        checkArgument(labels[i] >= 0 && labels[i] < classNames.size(), "%s: label %s of image %s is outside [0, %s)",
            name, labels[i], i, classNames.size());
      }
    } else {
      checkArgument(classNames.isEmpty(), "%s: class names without labels", name);
    }
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.pixels = pixels;
    this.labels = labels;
  }

  /** What the set is (file or dataset name). */
  public String name() {
    return name;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int channels() {
    return channels;
  }

  @Override
  public int size() {
    return pixels.length / (width * height * channels);
  }

  /** @throws IndexOutOfBoundsException if index is outside [0, size) */
  @Override
  public Image image(int index) {
    checkElementIndex(index, size());
    int n = width * height * channels;
    return new Image(width, height, channels, Arrays.copyOfRange(pixels, index * n, index * n + n));
  }

  /** @throws IndexOutOfBoundsException if index is outside [0, size) */
  @Override
  public int label(int index) {
    checkElementIndex(index, size());
    return labels == null ? -1 : labels[index];
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public String fingerprint() {
    return fingerprint.get();
  }

  private String hash() {
    Hasher h = Hashing.sha256().newHasher().putInt(width).putInt(height).putInt(channels).putInt(size())
        .putBytes(pixels);
    if (labels != null) {
      for (int l : labels) {
        h.putInt(l);
      }
    }
    for (String c : classNames) {
      h.putString(c, StandardCharsets.UTF_8).putByte((byte) 0);
    }
    return h.hash().toString();
  }

  @Override
  public String toString() {
    return "ArrayImageSet[" + name + ", " + size() + " images " + width + "x" + height + "x" + channels + ", "
        + classNames.size() + " classes]";
  }
}
