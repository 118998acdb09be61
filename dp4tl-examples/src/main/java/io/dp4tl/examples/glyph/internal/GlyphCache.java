package io.dp4tl.examples.glyph.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.core.io.AtomicFiles;
import io.dp4tl.core.io.Npy;
import io.dp4tl.core.io.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk cache of rendered glyph sets: one directory per key ({@code glyphs-<key prefix>})
 * holding {@code images.npy} (uint8 {@code [N, S, S]}), {@code labels.npy} (int32) and
 * {@code index.json} (full key, fingerprint, classes, counts), written last so that a directory
 * without it is an unfinished write.
 */
public final class GlyphCache {
  private static final Logger LOG = LoggerFactory.getLogger(GlyphCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FORMAT = 1;

  private GlyphCache() {}

  /**
   * A cached set and its content fingerprint.
   *
   * @param glyphs the set
   * @param fingerprint SHA-256 of its images, labels and class names
   */
  public record Hit(RenderedGlyphs glyphs, String fingerprint) {}

  /** The directory of one key. */
  public static Path entry(Path cacheDir, String key) {
    return cacheDir.resolve("glyphs-" + key.substring(0, 16));
  }

  /** The set cached under this key, if there is a complete, readable one; a damaged entry is a miss. */
  public static Optional<Hit> read(Path cacheDir, String key, int size) {
    Path dir = entry(cacheDir, key);
    Path index = dir.resolve("index.json");
    if (!Files.isRegularFile(index)) {
      return Optional.empty();
    }
    try {
      JsonNode json = JSON.readTree(index.toFile());
      if (json.path("format").asInt() != FORMAT || !key.equals(json.path("key").asText())) {
        return Optional.empty();
      }
      NpyArray images = Npy.read(dir.resolve("images.npy"));
      int[] labels = Npy.readInts(dir.resolve("labels.npy"), "glyph labels");
      if (!Arrays.equals(images.shape(), new long[] {labels.length, size, size})) {
        throw new InvalidInputException("images.npy has shape " + Arrays.toString(images.shape()));
      }
      byte[] px = new byte[Math.toIntExact(images.size())];
      images.copyUint8("glyph images", 0, px, 0, px.length);
      RenderedGlyphs g = new RenderedGlyphs(px, labels, ints(json.path("codePoints")), ints(json.path("distinct")),
          json.path("faces").asInt(), json.path("duplicates").asLong());
      return Optional.of(new Hit(g, json.path("fingerprint").asText()));
    } catch (IOException | InvalidInputException | ArithmeticException e) {
      LOG.warn("ignoring damaged glyph cache entry {}: {}", dir, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Stores a set under its key.
   *
   * @throws IOException if the files cannot be written
   */
  public static void write(Path cacheDir, String key, Hit hit, int size, String description) throws IOException {
    Path dir = entry(cacheDir, key);
    Files.createDirectories(dir);
    RenderedGlyphs g = hit.glyphs();
    Npy.writeUint8(dir.resolve("images.npy"), g.images(), new long[] {g.labels().length, size, size});
    Npy.writeInt32(dir.resolve("labels.npy"), g.labels());
    ObjectNode json = JSON.createObjectNode();
    json.put("format", FORMAT);
    json.put("key", key);
    json.put("fingerprint", hit.fingerprint());
    json.put("options", description);
    json.put("size", size);
    json.put("images", g.labels().length);
    json.put("faces", g.faces());
    json.put("duplicates", g.duplicates());
    json.set("codePoints", JSON.valueToTree(g.codePoints()));
    json.set("distinct", JSON.valueToTree(g.distinct()));
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    AtomicFiles.write(dir.resolve("index.json"), out -> out.write(bytes));
  }

  private static int[] ints(JsonNode array) throws IOException {
    if (!array.isArray()) {
      throw new IOException("index.json lacks an array");
    }
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }
}
