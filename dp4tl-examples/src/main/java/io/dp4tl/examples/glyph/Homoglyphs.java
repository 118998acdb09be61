package io.dp4tl.examples.glyph;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Cross-script homoglyphs: Latin, Greek and Cyrillic letters drawn alike in nearly every face. A
 * glyph source cannot tell them apart from pixels, so they are merged or dropped
 * ({@link HomoglyphPolicy}). The table (each row one group):
 *
 * <pre>
 * A Α А   B Β В   C С     E Ε Е   H Η Н   I Ι     K Κ К   M Μ М
 * N Ν     O Ο О   P Ρ Р   T Τ Т   X Χ Х   Y Υ     Z Ζ
 * Γ Г     Π П     Φ Ф
 * a а     c с     e е     o ο о   p р     x х     y у
 * </pre>
 *
 * Look-alikes within one script (O/0, l/I/1) are not in the table: most faces draw them
 * differently, and they are distinct characters for the target tasks (e.g. digits).
 */
public final class Homoglyphs {
  /** The groups, Latin members first, then Greek, then Cyrillic. */
  public static final ImmutableList<String> GROUPS = ImmutableList.of(
      "AΑА", "BΒВ", "CС", "EΕЕ", "HΗН", "IΙ", "KΚК", "MΜМ", "NΝ", "OΟО", "PΡР", "TΤТ", "XΧХ", "YΥ", "ZΖ",
      "ΓГ", "ΠП", "ΦФ",
      "aа", "cс", "eе", "oοо", "pр", "xх", "yу");

  private Homoglyphs() {}

  /** The groups as code points. */
  public static List<int[]> groups() {
    return GROUPS.stream().map(g -> g.codePoints().toArray()).toList();
  }
}
