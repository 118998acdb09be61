package io.dp4tl.examples.glyph.internal;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.examples.glyph.FontFile;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One face of a font file, sized for rendering.
 *
 * @param file the font file
 * @param index the face's index in the file (collections hold several)
 * @param font the face at font size = image size
 */
public record LoadedFace(FontFile file, int index, Font font) {

  /**
   * Loads every face of every file, in order.
   *
   * @throws InvalidInputException if a file cannot be read as a font (names the file and package)
   */
  public static List<LoadedFace> load(List<FontFile> files, int size) {
    List<LoadedFace> faces = new ArrayList<>();
    for (FontFile f : files) {
      Font[] fonts;
      try {
        fonts = Font.createFonts(f.path().toFile());
      } catch (FontFormatException | IOException | RuntimeException e) {
        throw new InvalidInputException("cannot read font file " + f.path() + " (package " + f.fontPackage() + "): "
            + e.getMessage() + "; reinstall the package or leave it out of the font list", e);
      }
      for (int i = 0; i < fonts.length; i++) {
        faces.add(new LoadedFace(f, i, fonts[i].deriveFont((float) size)));
      }
    }
    return faces;
  }
}
