package io.dp4tl.examples.glyph.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Renders one character of one face into a {@code size x size} grey image, white ink on black:
 * the glyph outline at the face's font size {@code size} (1 em = {@code size} pixels), shrunk to fit
 * the box less a 1-pixel margin if it is larger, centred on its bounding box, then jittered (scale,
 * shift, rotation, stroke) and filled antialiased. One renderer per thread: it reuses its canvas.
 */
public final class GlyphRenderer implements AutoCloseable {
  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

  private final int size;
  private final BufferedImage canvas;
  private final Graphics2D g;
  private final byte[] pixels;

  /** A renderer for {@code size x size} images. */
  public GlyphRenderer(int size) {
    this.size = size;
    this.canvas = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    this.g = canvas.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    this.pixels = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
  }

  /**
   * Renders {@code codePoint} with {@code font} (already sized to the image size).
   *
   * @param jitter the distortion to apply, {@link Jitter#NONE} for the plain rendering
   * @return the {@code size * size} pixels, or {@code null} if the face draws nothing for it
   */
  public byte[] render(Font font, int codePoint, Jitter jitter) {
    Shape outline = font.createGlyphVector(FRC, Character.toChars(codePoint)).getOutline();
    Rectangle2D b = outline.getBounds2D();
    if (b.isEmpty()) {
      return null;
    }
    double fit = Math.min(1.0, Math.min((size - 2) / b.getWidth(), (size - 2) / b.getHeight()));
    AffineTransform t = new AffineTransform();
    t.translate(size / 2.0 + jitter.dx() * size, size / 2.0 + jitter.dy() * size);
    t.rotate(jitter.radians());
    t.scale(fit * jitter.scale(), fit * jitter.scale());
    t.translate(-b.getCenterX(), -b.getCenterY());
    Shape s = t.createTransformedShape(outline);
    g.setColor(Color.BLACK);
    g.fillRect(0, 0, size, size);
    g.setColor(Color.WHITE);
    g.fill(s);
    if (jitter.stroke() > 0) {
      g.setStroke(new BasicStroke((float) jitter.stroke(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(s);
    }
    for (byte p : pixels) {
      if (p != 0) {
        return pixels.clone();
      }
    }
    return null;
  }

  @Override
  public void close() {
    g.dispose();
  }

  /**
   * One sample's distortion.
   *
   * @param scale size factor
   * @param dx horizontal shift as a fraction of the image size
   * @param dy vertical shift as a fraction of the image size
   * @param radians rotation
   * @param stroke outline stroke width in pixels (0: none)
   */
  public record Jitter(double scale, double dx, double dy, double radians, double stroke) {
    /** The plain rendering. */
    public static final Jitter NONE = new Jitter(1, 0, 0, 0, 0);
  }
}
