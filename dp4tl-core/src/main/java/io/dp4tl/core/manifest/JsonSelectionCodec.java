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
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The selection artifact as a directory holding {@value #MANIFEST} (a versioned JSON manifest)
 * and {@value #KEPT_SAMPLES} (the kept source sample indices, ascending, int64). At sample level,
 * where a ranking can cover millions of samples, the ranking and scores go to the sidecars
 * {@code ranking.npy} (int64) and {@code scores.npy} (float32; float64 in format version 1) instead of
 * the JSON. Every sidecar
 * is recorded in the manifest with its element count and SHA-256, and checked on reading. The
 * schema is documented in {@code docs/manifest.md}.
 *
 * <p>Writing is atomic: the files are written into a staging directory beside the target and
 * then moved into it, the manifest last, so a failure leaves no partial file and an existing
 * artifact untouched. Found by {@link java.util.ServiceLoader} for {@link Selection#write} and
 * {@link Selection#read}. Thread-safe.
 */
public final class JsonSelectionCodec implements SelectionCodec {
  /** File name of the JSON manifest. */
  public static final String MANIFEST = "selection.json";
  /** File name of the kept sample indices. */
  public static final String KEPT_SAMPLES = "kept-samples.npy";
  /** File name of the ranking at sample level. */
  static final String RANKING = "ranking.npy";
  /** File name of the scores at sample level. */
  static final String SCORES = "scores.npy";
  /** Every file an artifact may hold, the manifest first: a new artifact replaces all of them. */
  private static final List<String> ARTIFACT_FILES = List.of(MANIFEST, KEPT_SAMPLES, RANKING, SCORES);

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
   * @throws IOException if {@code dir} exists and is not a directory, or a file cannot be written
   * @throws IllegalArgumentException if an option or detail value cannot be written as JSON
   */
  @Override
  public void write(Selection selection, Path dir) throws IOException {
    requireNonNull(selection, "selection");
    requireNonNull(dir, "dir");
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new FileAlreadyExistsException(dir.toString(), null, "exists and is not a directory");
    }
    try (StagingDirectory staging = StagingDirectory.beside(dir)) {
      List<String> staged = new ArrayList<>();
      Sidecar kept = int64(staging, KEPT_SAMPLES, selection.keptSamples(), staged);
      Sidecar ranking = null;
      Sidecar scores = null;
      if (selection.level() == Level.SAMPLE) {
        ranking = int64(staging, RANKING, selection.ranking(), staged);
        double[] values = selection.scores();
        float[] single = new float[values.length];
        for (int i = 0; i < values.length; i++) {
          single[i] = (float) values[i];
        }
        Npy.writeFloat32(staging.file(SCORES), single);
        scores = Sidecar.describe(staging.file(SCORES), "float32", selection.groupCount());
        staged.add(SCORES);
      }
      JsonNode tree = new ManifestWriter(MAPPER).toTree(selection, new ManifestWriter.Sidecars(kept, ranking, scores));
      byte[] json = PRETTY.writeValueAsBytes(tree);
      try (var out = Files.newOutputStream(staging.file(MANIFEST))) {
        out.write(json);
        out.write('\n');
      }
      staged.add(MANIFEST);
      staging.commit(staged, ARTIFACT_FILES);
    }
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
      byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
      out[json.length] = '\n';
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("selection cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static Sidecar int64(StagingDirectory staging, String name, int[] values, List<String> staged)
      throws IOException {
    Npy.writeInt64(staging.file(name), values);
    staged.add(name);
    return Sidecar.describe(staging.file(name), "int64", values.length);
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
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(manifest);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(manifest + ": no such file; expected a selection directory written by "
          + "Selection.write or 'dp4tl select --out'");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
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
