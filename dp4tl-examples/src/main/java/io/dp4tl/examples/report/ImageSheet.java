package io.dp4tl.examples.report;

import io.dp4tl.api.data.Image;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A grid of images (e.g. one sample of each source class a method kept), written as a PNG. */
public final class ImageSheet {
  private ImageSheet() {}

  /**
   * Writes the images in rows of {@code columns}, each scaled by {@code scale}, with a 2-pixel gap.
   *
   * @throws IOException if the file cannot be written
   * @throws IllegalArgumentException if there is no image or columns/scale is below 1
   */
  public static void write(List<Image> images, int columns, int scale, Path png) throws IOException {
    if (images.isEmpty() || columns < 1 || scale < 1) {
      throw new IllegalArgumentException("need images, columns >= 1 and scale >= 1");
    }
    int cellW = images.stream().mapToInt(Image::width).max().orElseThrow() * scale + 2;
    int cellH = images.stream().mapToInt(Image::height).max().orElseThrow() * scale + 2;
    int rows = (images.size() + columns - 1) / columns;
    BufferedImage sheet = new BufferedImage(columns * cellW, rows * cellH, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    g.setColor(new Color(40, 40, 90));
    g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
    for (int i = 0; i < images.size(); i++) {
      Image img = images.get(i);
      int ox = (i % columns) * cellW + 1;
      int oy = (i / columns) * cellH + 1;
      for (int y = 0; y < img.height(); y++) {
        for (int x = 0; x < img.width(); x++) {
          int v = img.channels() == 1 ? img.value(x, y, 0)
              : (img.value(x, y, 0) + img.value(x, y, 1) + img.value(x, y, 2)) / 3;
          g.setColor(new Color(v, v, v));
          g.fillRect(ox + x * scale, oy + y * scale, scale, scale);
        }
      }
    }
    g.dispose();
    Files.createDirectories(png.toAbsolutePath().getParent());
    Path tmp = Files.createTempFile(png.toAbsolutePath().getParent(), ".sheet", ".png");
    try {
      ImageIO.write(sheet, "png", tmp.toFile());
      Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
