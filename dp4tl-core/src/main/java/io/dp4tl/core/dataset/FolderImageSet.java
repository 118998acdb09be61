package io.dp4tl.core.dataset;

import static com.google.common.base.Preconditions.checkElementIndex;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.Image;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.core.dataset.internal.ImageDecoder;
import io.dp4tl.core.io.RegularFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An image-folder tree: one subdirectory per class (classes sorted by folder name), its image
 * files ({@code .png .jpg .jpeg .bmp .gif}, sorted by name) the samples. Files are decoded when
 * asked for, so the set never sits in memory whole. The fingerprint is the SHA-256 of every
 * relative path, label and file's bytes, computed on first use.
 */
public final class FolderImageSet implements ImageSet {
  private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

  private final Path root;
  private final ImmutableList<Path> files;
  private final int[] labels;
  private final ImmutableList<String> classNames;
  private final ImmutableList<Path> skipped;
  private final Supplier<String> fingerprint = Suppliers.memoize(this::hash);

  private FolderImageSet(Path root, List<Path> files, int[] labels, List<String> classNames, List<Path> skipped) {
    this.root = root;
    this.files = ImmutableList.copyOf(files);
    this.labels = labels;
    this.classNames = ImmutableList.copyOf(classNames);
    this.skipped = ImmutableList.copyOf(skipped);
  }

  /**
   * Lists the tree; a corrupt file fails when it is read ({@link CorruptImages#FAIL}).
   *
   * @throws InvalidInputException if the root is missing, unreadable, or has no class folders
   */
  public static FolderImageSet open(Path root) {
    return open(root, CorruptImages.FAIL);
  }

  /**
   * Lists the tree.
   *
   * @param corrupt {@link CorruptImages#FAIL}: a corrupt file fails when it is read;
   *     {@link CorruptImages#SKIP}: every file is decoded now and corrupt ones are left out
   * @throws InvalidInputException if the root is missing, unreadable, or has no class folders
   */
  public static FolderImageSet open(Path root, CorruptImages corrupt) {
    requireNonNull(root, "root");
    requireNonNull(corrupt, "corrupt");
    if (!Files.isDirectory(root)) {
      throw new InvalidInputException(root + ": not a directory (expected one folder per class)");
    }
    List<Path> classDirs = list(root).stream().filter(Files::isDirectory).collect(Collectors.toList());
    if (classDirs.isEmpty()) {
      throw new InvalidInputException(root + ": no class folders (expected one subdirectory per class)");
    }
    List<String> names = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    for (Path dir : classDirs) {
      int label = names.size();
      names.add(dir.getFileName().toString());
      for (Path f : list(dir)) {
        if (!Files.isRegularFile(f) || !isImage(f)) {
          continue;
        }
        if (corrupt == CorruptImages.SKIP && !decodes(f)) {
          skipped.add(f);
          continue;
        }
        files.add(f);
        labels.add(label);
      }
    }
    return new FolderImageSet(root, files, labels.stream().mapToInt(Integer::intValue).toArray(), names, skipped);
  }

  private static boolean decodes(Path f) {
    try {
      ImageDecoder.decode(f);
      return true;
    } catch (InvalidInputException e) {
      return false;
    }
  }

  private static boolean isImage(Path f) {
    String n = f.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new InvalidInputException(dir + ": cannot list: " + RegularFiles.reason(e), e);
    }
  }

  /** The tree's root. */
  public Path root() {
    return root;
  }

  /** The file of sample {@code index}. @throws IndexOutOfBoundsException if out of range */
  public Path file(int index) {
    return files.get(index);
  }

  /** Files left out as corrupt ({@link CorruptImages#SKIP}); empty otherwise. */
  public List<Path> skipped() {
    return skipped;
  }

  @Override
  public int size() {
    return files.size();
  }

  /**
   * @throws InvalidInputException if the file is corrupt or unreadable (names the file)
   * @throws IndexOutOfBoundsException if index is out of range
   */
  @Override
  public Image image(int index) {
    return ImageDecoder.decode(files.get(index));
  }

  @Override
  public int label(int index) {
    checkElementIndex(index, labels.length);
    return labels[index];
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  /** @throws InvalidInputException if a file can no longer be read */
  @Override
  public String fingerprint() {
    return fingerprint.get();
  }

  private String hash() {
    Hasher h = Hashing.sha256().newHasher().putInt(files.size());
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      h.putString(root.relativize(f).toString(), StandardCharsets.UTF_8).putByte((byte) 0).putInt(labels[i]);
      try {
        h.putBytes(Files.readAllBytes(f));
      } catch (IOException e) {
        throw new InvalidInputException(f + ": cannot read: " + RegularFiles.reason(e), e);
      }
    }
    for (String c : classNames) {
      h.putString(c, StandardCharsets.UTF_8).putByte((byte) 0);
    }
    return h.hash().toString();
  }

  @Override
  public String toString() {
    return "FolderImageSet[" + root + ", " + files.size() + " images, " + classNames.size() + " classes"
        + (skipped.isEmpty() ? "" : ", " + skipped.size() + " corrupt skipped") + "]";
  }
}
