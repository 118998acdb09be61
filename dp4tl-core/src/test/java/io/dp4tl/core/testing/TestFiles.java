package io.dp4tl.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Test resources as files, whether they sit in a folder or in core's test jar (other modules' tests). */
public final class TestFiles {
  private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

  private TestFiles() {}

  /**
   * The path of a test resource, e.g. {@code "data/digits-2x10.png"}; a file inside a jar is copied
   * to a temporary file once per JVM.
   */
  public static Path resource(String name) {
    URL url = TestFiles.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + name);
    }
    if (!"file".equals(url.getProtocol())) {
      return EXTRACTED.computeIfAbsent(name, n -> extract(url, n));
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path extract(URL url, String name) {
    try (InputStream in = url.openStream()) {
      Path dir = Files.createTempDirectory("dp4tl-test-resource");
      Path file = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      file.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract test resource " + name, e);
    }
  }
}
