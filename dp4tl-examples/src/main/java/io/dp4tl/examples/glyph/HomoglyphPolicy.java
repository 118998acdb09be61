package io.dp4tl.examples.glyph;

/** What the glyph source does with characters of different scripts that look identical ({@link Homoglyphs}). */
public enum HomoglyphPolicy {
  /**
   * One class per homoglyph group, named by its first member in class order (Latin before Greek
   * before Cyrillic), holding the renderings of every member (duplicates across members dropped).
   */
  MERGE,
  /** Keep the first member of each group (in class order) with its own renderings; drop the others. */
  DROP
}
