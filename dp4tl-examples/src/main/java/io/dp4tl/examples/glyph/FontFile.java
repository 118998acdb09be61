package io.dp4tl.examples.glyph;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * One font file ({@code .ttf}, {@code .otf} or a {@code .ttc} collection of faces).
 *
 * @param fontPackage the Debian package it comes from, or {@code "file"} if given directly
 * @param path where it is
 */
public record FontFile(String fontPackage, Path path) {
  public FontFile {
    requireNonNull(fontPackage, "fontPackage");
    requireNonNull(path, "path");
  }
}
