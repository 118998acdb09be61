package io.dp4tl.core.testing;

import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.dp4tl.api.data.Image;
import io.dp4tl.api.data.ImageSet;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A tiny labelled image set for tests and benchmarks: characters rendered white on black at 32x32
 * from the DejaVu fonts every machine here has, one class per character, each sample in a font
 * (round robin) with a seeded shift and scale. Held in memory.
 */
public final class TinyGlyphs implements ImageSet {
  private static final Path DEJAVU = Paths.get("/usr/share/fonts/truetype/dejavu");
  private static final int SIZE = 32;

  private final List<byte[]> pixels;
  private final int[] labels;
  private final ImmutableList<String> classNames;
  private final String fingerprint;

  private TinyGlyphs(List<byte[]> pixels, int[] labels, ImmutableList<String> classNames) {
    this.pixels = pixels;
    this.labels = labels;
    this.classNames = classNames;
    Hasher h = Hashing.sha256().newHasher();
    for (int i = 0; i < labels.length; i++) {
      h.putInt(labels[i]).putBytes(pixels.get(i));
    }
    this.fingerprint = h.hash().toString();
  }

  /**
   * Renders {@code perClass} samples of every character of {@code characters}, samples of a class
   * consecutive.
   */
  public static TinyGlyphs render(String characters, int perClass, long seed) {
    List<Font> fonts = fonts();
    Random random = new Random(seed);
    List<byte[]> pixels = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    ImmutableList.Builder<String> names = ImmutableList.builder();
    for (int c = 0; c < characters.length(); c++) {
      String ch = characters.substring(c, c + 1);
      names.add(ch);
      for (int s = 0; s < perClass; s++) {
        Font font = fonts.get((c + s) % fonts.size());
        double scale = 0.6 + 0.3 * random.nextDouble();
        double dx = random.nextInt(5) - 2;
        double dy = random.nextInt(5) - 2;
        pixels.add(draw(font, ch, scale, dx, dy));
        labels.add(c);
      }
    }
    return new TinyGlyphs(pixels, labels.stream().mapToInt(Integer::intValue).toArray(), names.build());
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public Image image(int index) {
    return new Image(SIZE, SIZE, 1, pixels.get(index).clone());
  }

  @Override
  public int label(int index) {
    return labels[index];
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  private static List<Font> fonts() {
    try (Stream<Path> files = Files.list(DEJAVU)) {
      List<Path> ttf = files
          .filter(p -> p.getFileName().toString().matches("DejaVu(Sans|Serif|SansMono)[-A-Za-z]*\\.ttf"))
          .sorted()
          .collect(Collectors.toList());
      List<Font> fonts = new ArrayList<>();
      for (Path p : ttf) {
        fonts.add(Font.createFont(Font.TRUETYPE_FONT, p.toFile()));
      }
      if (fonts.isEmpty()) {
        throw new IllegalStateException("no DejaVu font in " + DEJAVU);
      }
      return fonts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (FontFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] draw(Font font, String ch, double scale, double dx, double dy) {
    FontRenderContext frc = new FontRenderContext(null, true, true);
    Shape outline = font.deriveFont(100f).createGlyphVector(frc, ch).getOutline();
    Rectangle2D box = outline.getBounds2D();
    double fit = scale * SIZE / Math.max(box.getWidth(), box.getHeight());
    AffineTransform t = new AffineTransform();
    t.translate(SIZE / 2.0 + dx, SIZE / 2.0 + dy);
    t.scale(fit, fit);
    t.translate(-box.getCenterX(), -box.getCenterY());
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(java.awt.Color.WHITE);
    g.fill(t.createTransformedShape(outline));
    g.dispose();
    return ((DataBufferByte) image.getRaster().getDataBuffer()).getData().clone();
  }
}
