package io.dp4tl.core.manifest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Level;
import io.dp4tl.api.Selection;
import io.dp4tl.api.spi.SelectionCodec;
import io.dp4tl.core.io.Npy;
import io.dp4tl.core.io.HeapCheck;
import io.dp4tl.core.io.RegularFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The selection artifact as a directory holding {@value #MANIFEST} (a versioned JSON manifest)
 * and the kept source sample indices (ascending, int64) in {@code kept-samples.<hash>.npy}. At
 * sample level, where a ranking can cover millions of samples, the ranking and scores go to the
 * sidecars {@code ranking.<hash>.npy} (int64) and {@code scores.<hash>.npy} (float32; float64
 * in format versions 1 and 2) instead of the JSON. Every sidecar is recorded in the manifest with
 * its file name, element count and SHA-256 (whose first 16 hex digits are the {@code <hash>} of
 * its name), and checked on reading. The schema is documented in {@code docs/manifest.md}.
 *
 * <p>Writing holds the directory's lock and is crash-safe: the directory always holds the
 * complete old or the complete new selection ({@link SelectionCommit}). Reading takes no lock and
 * reads again when a writer replaced the selection meanwhile. Found by
 * {@link java.util.ServiceLoader} for {@link Selection#write} and {@link Selection#read}.
 * Thread-safe.
 */
public final class JsonSelectionCodec implements SelectionCodec {
  /** File name of the JSON manifest. */
  public static final String MANIFEST = "selection.json";
  /** Staged name of the kept sample indices (committed as {@code kept-samples.<hash>.npy}). */
  public static final String KEPT_SAMPLES = "kept-samples.npy";
  /** Staged name of the ranking at sample level (committed as {@code ranking.<hash>.npy}). */
  static final String RANKING = "ranking.npy";
  /** Staged name of the scores at sample level (committed as {@code scores.<hash>.npy}). */
  static final String SCORES = "scores.npy";
  /** Attempts at reading a directory whose selection is being replaced while it is read. */
  private static final int READ_ATTEMPTS = 5;
  /** Largest manifest read (class-level manifests of millions of groups stay far below). */
  private static final long MAX_MANIFEST_BYTES = 1L << 30;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();
  /** Objects one key per line, arrays on one line: readable, and diffs stay small. */
  private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withArrayValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("")
          .withArrayEmptySeparator(""))
      .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
      .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance));

  /** For {@link java.util.ServiceLoader}. */
  public JsonSelectionCodec() {}

  /**
   * {@inheritDoc}
   *
   * <p>Holds the directory's lock ({@code DIR/.lock}) while writing; the sidecars get names
   * carrying their content hash and the manifest replaces the old one last, in one rename (see
   * {@link SelectionCommit}).
   *
   * @throws IOException if {@code dir} exists and is not a directory, another writer holds its
   *     lock, or a file cannot be written (the message names the file and the reason)
   * @throws IllegalArgumentException if an option or detail value cannot be written as JSON
   */
  @Override
  public void write(Selection selection, Path dir) throws IOException {
    write(selection, dir, SelectionCommit.Listener.NONE);
  }

  /** {@link #write(Selection, Path)}, telling {@code listener} each step of the commit. */
  void write(Selection selection, Path dir, SelectionCommit.Listener listener) throws IOException {
    requireNonNull(selection, "selection");
    requireNonNull(dir, "dir");
    Path target = dir.toAbsolutePath().normalize();
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new FileAlreadyExistsException(dir.toString(), null, "exists and is not a directory");
    }
    boolean sampleLevel = selection.level() == Level.SAMPLE;
    try {
      SelectionCommit.write(target, staging -> {
        Npy.writeInt64(staging.resolve(KEPT_SAMPLES), selection.keptSamples());
        if (!sampleLevel) {
          return List.of(KEPT_SAMPLES);
        }
        Npy.writeInt64(staging.resolve(RANKING), selection.ranking());
        double[] values = selection.scores();
        float[] single = new float[values.length];
        for (int i = 0; i < values.length; i++) {
          single[i] = (float) values[i];
        }
        Npy.writeFloat32(staging.resolve(SCORES), single);
        return List.of(KEPT_SAMPLES, RANKING, SCORES);
      }, names -> {
        // Staged under the plain names; described under the names they are committed as.
        Path staged = target.resolve(SelectionCommit.STAGING_PREFIX);
        Sidecar kept = sidecar(names, KEPT_SAMPLES, "int64", selection.keptSamples().length);
        Sidecar ranking = sampleLevel ? sidecar(names, RANKING, "int64", selection.groupCount()) : null;
        Sidecar scores = sampleLevel ? sidecar(names, SCORES, "float32", selection.groupCount()) : null;
        JsonNode tree =
            new ManifestWriter(MAPPER).toTree(selection, new ManifestWriter.Sidecars(kept, ranking, scores));
        byte[] json = PRETTY.writeValueAsBytes(tree);
        byte[] withNewline = Arrays.copyOf(json, json.length + 1);
        withNewline[json.length] = '\n';
        return withNewline;
      }, listener);
    } catch (FileSystemException e) {
      throw describe(e);
    }
  }

  private static Sidecar sidecar(Map<String, String> sha256s, String plain, String dtype, int count) {
    String sha = sha256s.get(plain);
    return new Sidecar(SelectionCommit.hashedName(plain, sha), dtype, count, sha);
  }

  /**
   * The bytes of {@value #MANIFEST} for a class- or cluster-level selection whose kept samples are
   * rows stored beside the manifest ({@link KeptRows}, e.g. dp4tl-spark's Parquet ids) instead of
   * {@value #KEPT_SAMPLES}: the same schema, with {@code keptSampleCount} and {@code keptSamples}
   * taken from {@code kept}. The caller writes the bytes and the rows, atomically.
   *
   * @throws IllegalArgumentException if the selection is at sample level, or an option or detail
   *     value cannot be written as JSON
   */
  public static byte[] manifest(Selection selection, KeptRows kept) {
    requireNonNull(selection, "selection");
    requireNonNull(kept, "kept");
    try {
      byte[] json = PRETTY.writeValueAsBytes(new ManifestWriter(MAPPER).toTree(selection, kept));
      byte[] out = Arrays.copyOf(json, json.length + 1);
      out[json.length] = '\n';
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("selection cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The exception with its file and reason in the message (Java's own names only the file). */
  private static IOException describe(FileSystemException e) {
    String file = e.getFile() == null ? "" : e.getFile() + ": ";
    return new IOException(file + RegularFiles.reason(e), e);
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidInputException if {@value #MANIFEST} is missing, not valid JSON, of an unknown
   *     format version, lacks a required key, or disagrees with a sidecar (count, type, SHA-256)
   */
  @Override
  public Selection read(Path dir) throws IOException {
    requireNonNull(dir, "dir");
    Path manifest = dir.resolve(MANIFEST);
    for (int attempt = 1; ; attempt++) {
      byte[] bytes = readManifest(manifest);
      try {
        return parse(dir, manifest, bytes);
      } catch (InvalidInputException | NoSuchFileException e) {
        // A writer may have replaced the selection between reading the manifest and its sidecars,
        // removing the old sidecars (possibly writing a manifest with the same bytes again since):
        // read again. A directory that is really broken fails the same way every time.
        if (attempt == READ_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static byte[] readManifest(Path manifest) throws IOException {
    if (!Files.exists(manifest)) {
      throw new InvalidInputException(manifest + ": no such file; expected a selection directory written by "
          + "Selection.write or 'dp4tl select --out'");
    }
    long size = RegularFiles.requireRegularFile(manifest, "the selection manifest");
    if (size > MAX_MANIFEST_BYTES) {
      throw new InvalidInputException(manifest + ": " + size + " bytes; a selection manifest is at most "
          + MAX_MANIFEST_BYTES + " bytes (sample-level data goes to .npy sidecars)");
    }
    HeapCheck.require(size * 16, manifest.toString());
    try {
      return Files.readAllBytes(manifest);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(manifest + ": no such file; expected a selection directory written by "
          + "Selection.write or 'dp4tl select --out'");
    } catch (FileSystemException e) {
      throw describe(e);
    }
  }

  /**
   * The manifest's text. JSON exchanged between systems is UTF-8 (RFC 8259), which is what dp4tl
   * writes; decoding it strictly here keeps Jackson from guessing UTF-16 or UTF-32 from the first
   * bytes and failing with an I/O error instead of a message.
   */
  private static String utf8(Path manifest, byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(manifest + ": not UTF-8 text (" + e.getMessage()
          + "); expected a dp4tl selection manifest, which is UTF-8 JSON", e);
    }
  }

  private static Selection parse(Path dir, Path manifest, byte[] bytes) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(utf8(manifest, bytes));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(manifest + ": not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
              + ", column " + e.getLocation().getColumnNr() + ")"), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidInputException(manifest + ": empty file; expected a dp4tl selection manifest");
    }
    return new ManifestReader(MAPPER, dir, manifest).read(root);
  }
}
