package io.dp4tl.examples.glyph;

import java.util.List;
import java.util.Set;

/**
 * The stated lists of Debian font packages the glyph source draws its faces from (the same lists
 * {@code scripts/install-data.sh} installs). Licences: OFL, Apache, Arphic, IPA, GPL with the font
 * exception.
 */
public final class FontPackages {
  /** DejaVu, present on every machine here: enough for unit tests. */
  public static final List<String> DEJAVU = List.of("fonts-dejavu-core", "fonts-dejavu-extra");

  /** Latin, Greek, Cyrillic and other scripts. */
  public static final List<String> LATIN = List.of(
      "fonts-noto-core", "fonts-dejavu-core", "fonts-dejavu-extra", "fonts-liberation2", "fonts-urw-base35",
      "fonts-texgyre", "fonts-freefont-ttf", "fonts-croscore", "fonts-cmu", "fonts-lmodern", "fonts-open-sans",
      "fonts-cantarell", "fonts-linuxlibertine", "fonts-ebgaramond", "fonts-hack", "fonts-go", "fonts-stix",
      "fonts-paratype", "fonts-sil-gentium", "fonts-sil-charis", "fonts-sil-andika", "fonts-dkg-handwriting",
      "fonts-breip", "fonts-femkeklaver", "fonts-rufscript");

  /** Chinese and Japanese faces (about 280 MB installed). */
  public static final List<String> CJK = List.of(
      "fonts-noto-cjk", "fonts-arphic-ukai", "fonts-arphic-uming", "fonts-arphic-gkai00mp", "fonts-arphic-gbsn00lp",
      "fonts-arphic-bkai00mp", "fonts-arphic-bsmi00lp", "fonts-wqy-microhei", "fonts-wqy-zenhei",
      "fonts-ipafont-gothic", "fonts-ipafont-mincho", "fonts-ipaexfont-gothic", "fonts-ipaexfont-mincho",
      "fonts-morisawa-bizud-gothic", "fonts-morisawa-bizud-mincho", "fonts-seto", "fonts-vlgothic",
      "fonts-motoya-l-cedar", "fonts-motoya-l-maruberi", "fonts-umeplus");

  /**
   * Font files of those packages that the catalog leaves out because they put other symbols at the
   * code points of letters and digits, which would mislabel classes: URW's dingbats
   * ({@code D050000L.otf}) and its Symbol-encoded Greek ({@code StandardSymbolsPS.otf}: 'a' is
   * alpha), and Linux Biolinum Keyboard's keycaps ({@code LinBiolinum_K.otf}).
   */
  public static final Set<String> EXCLUDED_FILES = Set.of("D050000L.otf", "StandardSymbolsPS.otf", "LinBiolinum_K.otf");

  private FontPackages() {}
}
