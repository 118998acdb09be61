package io.dp4tl.core.dataset;

import static com.google.common.base.Preconditions.checkElementIndex;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.dp4tl.api.data.Image;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.core.image.Images;
import io.dp4tl.core.internal.Permutations;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Views of {@link ImageSet}s: a subset by indices, a size/channel/polarity mapping, and the classes
 * renumbered in a seeded random order.
 */
public final class ImageSets {
  private ImageSets() {}

  /**
   * The images at {@code indices} (in that order, repeats allowed), with their labels and the
   * parent's class names. The indices are copied.
   *
   * @throws IndexOutOfBoundsException if an index is outside the set
   */
  public static ImageSet subset(ImageSet set, int[] indices) {
    requireNonNull(set, "set");
    int[] copy = indices.clone();
    for (int i : copy) {
      checkElementIndex(i, set.size(), "subset index");
    }
    return new Subset(set, copy);
  }

  /** Every image converted by {@code mapping}, with the parent's labels and class names. */
  public static ImageSet mapped(ImageSet set, ImageMapping mapping) {
    return new Mapped(requireNonNull(set, "set"), requireNonNull(mapping, "mapping"));
  }

  /**
   * The same images with their classes renumbered in a seeded random order (class names follow
   * their classes). Useful where a rule breaks ties by class index and the dataset's own order
   * (e.g. digits first) would otherwise decide them.
   *
   * @throws IllegalArgumentException if the set has no labels
   */
  public static ImageSet shuffledClasses(ImageSet set, long seed) {
    requireNonNull(set, "set");
    int classes = set.classNames().size();
    if (classes == 0) {
      throw new IllegalArgumentException(set + " has no classes to shuffle");
    }
    int[] newOf = Permutations.shuffled(classes, seed);
    String[] names = new String[classes];
    for (int c = 0; c < classes; c++) {
      names[newOf[c]] = set.classNames().get(c);
    }
    return new Relabelled(set, newOf, List.of(names), seed);
  }

  private static final class Relabelled implements ImageSet {
    private final ImageSet parent;
    private final int[] newOf;
    private final List<String> classNames;
    private final Supplier<String> fingerprint;

    Relabelled(ImageSet parent, int[] newOf, List<String> classNames, long seed) {
      this.parent = parent;
      this.newOf = newOf;
      this.classNames = classNames;
      this.fingerprint = Suppliers.memoize(() -> Hashing.sha256().newHasher()
          .putString("shuffled classes", StandardCharsets.UTF_8)
          .putString(parent.fingerprint(), StandardCharsets.UTF_8).putLong(seed).hash().toString());
    }

    @Override
    public int size() {
      return parent.size();
    }

    @Override
    public Image image(int index) {
      return parent.image(index);
    }

    @Override
    public int label(int index) {
      int label = parent.label(index);
      return label < 0 ? label : newOf[label];
    }

    @Override
    public List<String> classNames() {
      return classNames;
    }

    @Override
    public String fingerprint() {
      return fingerprint.get();
    }

    @Override
    public String toString() {
      return parent + " with classes in a shuffled order";
    }
  }

  private static final class Subset implements ImageSet {
    private final ImageSet parent;
    private final int[] indices;
    private final Supplier<String> fingerprint = Suppliers.memoize(this::hash);

    Subset(ImageSet parent, int[] indices) {
      this.parent = parent;
      this.indices = indices;
    }

    @Override
    public int size() {
      return indices.length;
    }

    @Override
    public Image image(int index) {
      return parent.image(indices[index]);
    }

    @Override
    public int label(int index) {
      return parent.label(indices[index]);
    }

    @Override
    public List<String> classNames() {
      return parent.classNames();
    }

    @Override
    public String fingerprint() {
      return fingerprint.get();
    }

    private String hash() {
      Hasher h = Hashing.sha256().newHasher().putString("subset", StandardCharsets.UTF_8)
          .putString(parent.fingerprint(), StandardCharsets.UTF_8).putInt(indices.length);
      for (int i : indices) {
        h.putInt(i);
      }
      return h.hash().toString();
    }

    @Override
    public String toString() {
      return "subset of " + indices.length + " of " + parent;
    }
  }

  private static final class Mapped implements ImageSet {
    private final ImageSet parent;
    private final ImageMapping mapping;
    private final Supplier<String> fingerprint = Suppliers.memoize(this::hash);

    Mapped(ImageSet parent, ImageMapping mapping) {
      this.parent = parent;
      this.mapping = mapping;
    }

    @Override
    public int size() {
      return parent.size();
    }

    @Override
    public Image image(int index) {
      Image img = Images.withChannels(parent.image(index), mapping.channels());
      img = Images.resize(img, mapping.width(), mapping.height(), mapping.resize());
      return mapping.invert() ? Images.invert(img) : img;
    }

    @Override
    public int label(int index) {
      return parent.label(index);
    }

    @Override
    public List<String> classNames() {
      return parent.classNames();
    }

    @Override
    public String fingerprint() {
      return fingerprint.get();
    }

    private String hash() {
      return Hashing.sha256().newHasher().putString("mapped", StandardCharsets.UTF_8)
          .putString(parent.fingerprint(), StandardCharsets.UTF_8)
          .putString(mapping.toString(), StandardCharsets.UTF_8).hash().toString();
    }

    @Override
    public String toString() {
      return parent + " mapped by " + mapping;
    }
  }
}
