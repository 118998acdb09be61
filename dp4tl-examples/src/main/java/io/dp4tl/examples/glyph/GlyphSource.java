package io.dp4tl.examples.glyph;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Stopwatch;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.dp4tl.api.Dp4tlException;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.Image;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.core.dataset.ArrayImageSet;
import io.dp4tl.examples.glyph.internal.GlyphBuilder;
import io.dp4tl.examples.glyph.internal.GlyphCache;
import io.dp4tl.examples.glyph.internal.LoadedFace;
import io.dp4tl.examples.glyph.internal.RenderedGlyphs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A many-class SOURCE dataset of printed characters rendered from installed fonts: one class per
 * character, images from every face of a {@link FontCatalog} that can display it (identical
 * renderings dropped), plus seeded jittered renderings up to
 * {@link GlyphSourceOptions#samplesPerClass()}. Cross-script look-alikes are merged or dropped
 * ({@link Homoglyphs}). Images come class after class; class names are the characters themselves.
 *
 * <p>With a cache directory the rendered set is stored as {@code .npy} files plus a JSON index,
 * keyed by a SHA-256 of the options, the font files (package, path, size, modification time) and
 * the Java version, so that a second build with the same key only reads the files.
 */
public final class GlyphSource implements ImageSet {
  private static final Logger LOG = LoggerFactory.getLogger(GlyphSource.class);

  private final ArrayImageSet images;
  private final int[] codePoints;
  private final int[] distinct;
  private final int faces;
  private final long duplicates;
  private final String fingerprint;
  private final boolean fromCache;

  private GlyphSource(RenderedGlyphs g, int size, String fingerprint, boolean fromCache) {
    List<String> names = new ArrayList<>();
    for (int cp : g.codePoints()) {
      names.add(new String(Character.toChars(cp)));
    }
    this.images = new ArrayImageSet("glyphs", size, size, 1, g.images(), g.labels(), names);
    this.codePoints = g.codePoints();
    this.distinct = g.distinct();
    this.faces = g.faces();
    this.duplicates = g.duplicates();
    this.fingerprint = fingerprint == null ? images.fingerprint() : fingerprint;
    this.fromCache = fromCache;
  }

  /**
   * Renders the glyph set, or reads it from the cache directory when it was rendered before with
   * the same options and font files.
   *
   * @throws InvalidInputException if a font file cannot be read, or no class has a face that can
   *     display it
   * @throws io.dp4tl.api.Dp4tlException if the cache cannot be written or rendering is interrupted
   */
  public static GlyphSource build(FontCatalog catalog, GlyphSourceOptions options) {
    requireNonNull(catalog, "catalog");
    requireNonNull(options, "options");
    String key = cacheKey(catalog, options);
    if (options.cacheDirectory() != null) {
      var hit = GlyphCache.read(options.cacheDirectory(), key, options.size());
      if (hit.isPresent()) {
        LOG.info("glyph source read from cache {}", GlyphCache.entry(options.cacheDirectory(), key));
        return new GlyphSource(hit.get().glyphs(), options.size(), hit.get().fingerprint(), true);
      }
    }
    Stopwatch watch = Stopwatch.createStarted();
    List<LoadedFace> faces = LoadedFace.load(catalog.files(), options.size());
    RenderedGlyphs g = new GlyphBuilder(options, faces, classes(options)).build();
    if (g.codePoints().length == 0) {
      throw new InvalidInputException("no face of " + catalog + " can display " + options.minFaces()
          + " or more distinct glyphs of " + options.classSets() + "; install the fonts with scripts/install-data.sh");
    }
    GlyphSource source = new GlyphSource(g, options.size(), null, false);
    LOG.info("rendered {} glyph images of {} classes from {} faces in {} ms ({} duplicate renderings dropped)",
        g.labels().length, g.codePoints().length, faces.size(), watch.elapsed(TimeUnit.MILLISECONDS), g.duplicates());
    if (options.cacheDirectory() != null) {
      try {
        GlyphCache.write(options.cacheDirectory(), key, new GlyphCache.Hit(g, source.fingerprint), options.size(),
            options.describe());
      } catch (IOException e) {
        throw new Dp4tlException("cannot write the glyph cache in " + options.cacheDirectory() + ": "
            + e.getMessage(), e);
      }
    }
    return source;
  }

  /** Per class, its member characters (the first names it), after the homoglyph policy. */
  static List<int[]> classes(GlyphSourceOptions options) {
    Set<Integer> selected = new LinkedHashSet<>();
    for (GlyphClassSet set : options.classSets()) {
      for (int cp : set.codePoints()) {
        selected.add(cp);
      }
    }
    List<Integer> order = new ArrayList<>(selected);
    Set<Integer> absorbed = new HashSet<>();
    Map<Integer, int[]> members = new HashMap<>();
    for (int[] group : Homoglyphs.groups()) {
      List<Integer> present = new ArrayList<>();
      for (int cp : group) {
        if (selected.contains(cp)) {
          present.add(cp);
        }
      }
      if (present.size() < 2) {
        continue;
      }
      present.sort((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)));
      absorbed.addAll(present.subList(1, present.size()));
      if (options.homoglyphs() == HomoglyphPolicy.MERGE) {
        members.put(present.get(0), present.stream().mapToInt(Integer::intValue).toArray());
      }
    }
    List<int[]> classes = new ArrayList<>();
    for (int cp : order) {
      if (!absorbed.contains(cp)) {
        classes.add(members.getOrDefault(cp, new int[] {cp}));
      }
    }
    return classes;
  }

  private static String cacheKey(FontCatalog catalog, GlyphSourceOptions options) {
    Hasher h = Hashing.sha256().newHasher()
        .putString("dp4tl-glyphs-1;" + options.describe() + ";java=" + System.getProperty("java.version"),
            StandardCharsets.UTF_8);
    for (FontFile f : catalog.files()) {
      h.putString(f.fontPackage() + "\t" + f.path(), StandardCharsets.UTF_8);
      try {
        BasicFileAttributes a = Files.readAttributes(f.path(), BasicFileAttributes.class);
        h.putLong(a.size()).putLong(a.lastModifiedTime().toMillis());
      } catch (IOException e) {
        throw new InvalidInputException("cannot read font file " + f.path() + " (package " + f.fontPackage() + "): "
            + e.getMessage(), e);
      }
    }
    return h.hash().toString();
  }

  /** The character of each class, by class index. */
  public int[] classCodePoints() {
    return codePoints.clone();
  }

  /** Distinct face renderings found for class {@code classIndex}. */
  public int distinctRenderings(int classIndex) {
    return distinct[classIndex];
  }

  /** Faces loaded from the catalog. */
  public int faceCount() {
    return faces;
  }

  /** Renderings dropped as identical to another face's, over the kept classes. */
  public long duplicatesDropped() {
    return duplicates;
  }

  /** Whether this set was read from the cache. */
  public boolean fromCache() {
    return fromCache;
  }

  @Override
  public int size() {
    return images.size();
  }

  @Override
  public Image image(int index) {
    return images.image(index);
  }

  @Override
  public int label(int index) {
    return images.label(index);
  }

  @Override
  public List<String> classNames() {
    return images.classNames();
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public String toString() {
    return "GlyphSource[" + size() + " images, " + codePoints.length + " classes, " + faces + " faces"
        + (fromCache ? ", from cache" : "") + "]";
  }
}
