package io.dp4tl.examples.glyph;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.examples.data.InstalledData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The font files of a stated list of Debian packages, in package order, then path order within a
 * package. Resolved by {@code dpkg-query -L} or from the {@code fonts.list} that
 * {@code scripts/install-data.sh} writes; never from whatever happens to be installed. Files named
 * in {@link FontPackages#EXCLUDED_FILES} are left out.
 */
public final class FontCatalog {
  private final ImmutableList<FontFile> files;

  private FontCatalog(List<FontFile> files) {
    this.files = ImmutableList.copyOf(files);
  }

  /**
   * The font files of installed packages, as {@code dpkg-query -L} lists them.
   *
   * @throws InvalidInputException if a package is not installed, has no font file, or dpkg-query
   *     cannot run (the message names the package and the install script)
   */
  public static FontCatalog ofPackages(List<String> packages) {
    checkArgument(!packages.isEmpty(), "no font packages given");
    List<FontFile> files = new ArrayList<>();
    for (String p : packages) {
      List<Path> found = new ArrayList<>();
      for (String line : dpkgList(p)) {
        Path f = Path.of(line.trim());
        if (isFont(f) && !excluded(f) && Files.isRegularFile(f) && !Files.isSymbolicLink(f)) {
          found.add(f);
        }
      }
      if (found.isEmpty()) {
        throw new InvalidInputException("font package " + p + " installed no .ttf/.otf/.ttc file");
      }
      found.stream().sorted().forEach(f -> files.add(new FontFile(p, f)));
    }
    return new FontCatalog(files);
  }

  /**
   * The font files of the given packages as recorded in a list file ({@code package<TAB>path}
   * per line, as {@code scripts/install-data.sh} writes {@code fonts.list}).
   *
   * @throws InvalidInputException if the list is missing or malformed, a package has no entry, or
   *     a listed file is gone
   */
  public static FontCatalog fromList(Path list, List<String> packages) {
    checkArgument(!packages.isEmpty(), "no font packages given");
    Map<String, List<Path>> byPackage = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(InstalledData.require(list), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(list + ": cannot read (" + e.getMessage() + ")", e);
    }
    for (int i = 0; i < lines.size(); i++) {
      String[] parts = lines.get(i).split("\t");
      if (parts.length != 2) {
        throw new InvalidInputException(list + ": line " + (i + 1) + " is not 'package<TAB>font file'");
      }
      byPackage.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Path.of(parts[1]));
    }
    List<FontFile> files = new ArrayList<>();
    for (String p : packages) {
      List<Path> found = byPackage.get(p);
      if (found == null) {
        throw new InvalidInputException(list + " lists no font of package " + p + ": run " + InstalledData.INSTALL_SCRIPT);
      }
      for (Path f : found.stream().filter(x -> !excluded(x)).sorted().toList()) {
        if (!Files.isRegularFile(f)) {
          throw new InvalidInputException(f + " (package " + p + ", listed in " + list + ") does not exist: run "
              + InstalledData.INSTALL_SCRIPT);
        }
        files.add(new FontFile(p, f));
      }
    }
    return new FontCatalog(files);
  }

  /** Font files given directly, in this order (package {@code "file"}). */
  public static FontCatalog ofFiles(List<Path> files) {
    checkArgument(!files.isEmpty(), "no font files given");
    return new FontCatalog(files.stream().map(f -> new FontFile("file", requireNonNull(f, "file"))).toList());
  }

  /** The font files, in catalog order. */
  public List<FontFile> files() {
    return files;
  }

  private static boolean excluded(Path f) {
    return f.getFileName() != null && FontPackages.EXCLUDED_FILES.contains(f.getFileName().toString());
  }

  private static boolean isFont(Path f) {
    String n = f.getFileName() == null ? "" : f.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".ttf") || n.endsWith(".otf") || n.endsWith(".ttc");
  }

  private static List<String> dpkgList(String pkg) {
    Process p;
    try {
      p = new ProcessBuilder("dpkg-query", "-L", pkg).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new InvalidInputException("cannot run dpkg-query to list font package " + pkg + " (" + e.getMessage()
          + "); on a system without dpkg use FontCatalog.fromList or ofFiles");
    }
    try (InputStream in = p.getInputStream()) {
      String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new InvalidInputException("font package " + pkg + " is not installed: run " + InstalledData.INSTALL_SCRIPT
            + " (as root)");
      }
      return out.lines().toList();
    } catch (IOException e) {
      throw new InvalidInputException("cannot list font package " + pkg + " (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvalidInputException("interrupted while listing font package " + pkg, e);
    } finally {
      p.destroy();
    }
  }

  @Override
  public String toString() {
    return "FontCatalog[" + files.size() + " font files]";
  }
}
