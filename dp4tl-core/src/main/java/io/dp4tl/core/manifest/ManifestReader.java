package io.dp4tl.core.manifest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Level;
import io.dp4tl.api.Provenance;
import io.dp4tl.api.Scoring;
import io.dp4tl.api.Selection;
import io.dp4tl.api.StratifiedKeep;
import io.dp4tl.core.io.Npy;
import io.dp4tl.core.io.NpyArray;
import io.dp4tl.core.io.NpyDtype;
import io.dp4tl.core.io.RegularFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and validates one parsed {@code selection.json} and the sidecars it points to. Every
 * failure is an {@link InvalidInputException} naming the file, the key and what was expected.
 */
final class ManifestReader {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final ObjectMapper mapper;
  private final Path dir;
  private final Path manifest;

  ManifestReader(ObjectMapper mapper, Path dir, Path manifest) {
    this.mapper = mapper;
    this.dir = dir;
    this.manifest = manifest;
  }

  /**
   * The selection the manifest describes.
   *
   * @throws IOException if a sidecar cannot be read
   * @throws InvalidInputException if the manifest or a sidecar is invalid
   */
  Selection read(JsonNode root) throws IOException {
    if (!root.isObject()) {
      throw fail("must hold a JSON object, found " + kind(root));
    }
    int version = formatVersion(root);
    String method = text(root, Keys.METHOD);
    Level level = level(root);
    int groups = count(root, Keys.GROUP_COUNT);
    int keep = count(root, Keys.KEEP);
    KeepRule rule = rule(root, version, keep);
    int sourceSamples = count(root, Keys.SOURCE_SAMPLE_COUNT);
    int keptSampleCount = count(root, Keys.KEPT_SAMPLE_COUNT);
    long seed = integral(root, Keys.SEED);
    Map<String, Object> options = map(root, Keys.OPTIONS);
    double[] histogram = required(root, Keys.HISTOGRAM).isNull() ? null : numbers(root, Keys.HISTOGRAM, groups);
    double[] scores;
    int[] ranking;
    if (level == Level.SAMPLE) {
      scores = version <= 2
          ? sidecarDoubles(root, Keys.SCORES, NpyDtype.FLOAT64, "float64", groups)
          : sidecarDoubles(root, Keys.SCORES, NpyDtype.FLOAT32, "float32", groups);
      ranking = sidecarInts(root, Keys.RANKING, groups);
    } else {
      scores = numbers(root, Keys.SCORES, groups);
      ranking = ints(root, Keys.RANKING, groups);
    }
    checkPermutation(ranking);
    Map<String, Object> details = map(root, Keys.DETAILS);
    if (level == Level.SAMPLE && details.containsKey(Scoring.STRATA)) {
      checkStratifiedKeep(rule, keep, details.get(Scoring.STRATA));
    } else {
      checkKeep(rule, keep, histogram != null ? histogram : scores, ranking);
    }
    int[] keptGroups = level == Level.SAMPLE
        ? sidecarInts(root, Keys.KEPT_GROUPS, keep)
        : ints(root, Keys.KEPT_GROUPS, keep);
    checkKeptGroups(ranking, keptGroups);
    int[] keptSamples = sidecarInts(root, Keys.KEPT_SAMPLES, keptSampleCount);
    Provenance provenance = provenance(required(root, Keys.PROVENANCE));
    try {
      return Selection.builder()
          .formatVersion(version)
          .method(method)
          .level(level)
          .options(options)
          .rule(rule)
          .histogram(histogram)
          .scores(scores)
          .ranking(ranking)
          .sourceSampleCount(sourceSamples)
          .keptSamples(keptSamples)
          .seed(seed)
          .details(details)
          .provenance(provenance)
          .build();
    } catch (IllegalArgumentException e) {
      throw fail("inconsistent selection: " + e.getMessage());
    }
  }

  private int formatVersion(JsonNode root) {
    if (!root.has(Keys.FORMAT_VERSION)) {
      throw fail("missing '" + Keys.FORMAT_VERSION + "'; this is not a dp4tl selection manifest");
    }
    int version = count(root, Keys.FORMAT_VERSION);
    if (version > Selection.FORMAT_VERSION) {
      throw fail("formatVersion " + version + " was written by a newer dp4tl; this version reads formatVersion "
          + Selection.FORMAT_VERSION + " and earlier: upgrade dp4tl to read it");
    }
    if (version < 1) {
      throw fail("formatVersion " + version + " is not a known format (known: 1 to " + Selection.FORMAT_VERSION + ")");
    }
    return version;
  }

  private Level level(JsonNode root) {
    String text = text(root, Keys.LEVEL);
    for (Level level : Level.values()) {
      if (level.name().toLowerCase(Locale.ROOT).equals(text)) {
        return level;
      }
    }
    throw fail("'" + Keys.LEVEL + "' must be \"class\", \"cluster\" or \"sample\", found \"" + text + "\"");
  }

  /** The keep rule: an explicit {@code rule} object from version 2 on, else version 1's nullable ratio and share. */
  private KeepRule rule(JsonNode root, int version, int keep) {
    try {
      return version >= 2 ? ruleObject(root) : ruleV1(root, keep);
    } catch (IllegalArgumentException e) {
      throw fail("keep rule: " + e.getMessage());
    }
  }

  private KeepRule ruleObject(JsonNode root) {
    JsonNode rule = required(root, Keys.RULE);
    checkObject(rule, Keys.RULE);
    String kind = text(rule, Keys.RULE_KIND, Keys.RULE + "." + Keys.RULE_KIND);
    String valuePath = Keys.RULE + "." + Keys.RULE_VALUE;
    return switch (kind) {
      case Keys.RULE_RATIO -> KeepRule.ratio(number(rule, Keys.RULE_VALUE, valuePath));
      case Keys.RULE_SHARE -> KeepRule.share(number(rule, Keys.RULE_VALUE, valuePath));
      case Keys.RULE_COUNT -> {
        long count = integral(rule, Keys.RULE_VALUE, valuePath);
        if (count < 1 || count > Integer.MAX_VALUE) {
          throw fail("'" + valuePath + "' must be a keep count in [1, " + Integer.MAX_VALUE + "], found " + count);
        }
        yield KeepRule.count((int) count);
      }
      default -> throw fail("'" + Keys.RULE + "." + Keys.RULE_KIND + "' must be \"" + Keys.RULE_RATIO + "\", \""
          + Keys.RULE_COUNT + "\" or \"" + Keys.RULE_SHARE + "\", found \"" + kind + "\"");
    };
  }

  private KeepRule ruleV1(JsonNode root, int keep) {
    Double ratio = nullableNumber(root, Keys.RATIO);
    Double share = nullableNumber(root, Keys.SHARE);
    if (ratio != null && share != null) {
      throw fail("'" + Keys.RATIO + "' and '" + Keys.SHARE + "' exclude each other; at most one may be set");
    } else if (ratio != null) {
      return KeepRule.ratio(ratio);
    } else if (share != null) {
      return KeepRule.share(share);
    }
    return KeepRule.count(keep);
  }

  private double number(JsonNode parent, String key, String path) {
    JsonNode node = required(parent, key, path);
    if (!node.isNumber()) {
      throw fail("'" + path + "' must be a number, found " + kind(node));
    }
    return node.doubleValue();
  }

  private Double nullableNumber(JsonNode root, String key) {
    JsonNode node = required(root, key);
    if (node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      throw fail("'" + key + "' must be a number or null, found " + kind(node));
    }
    return node.doubleValue();
  }

  /** {@code keep} must be what the rule gives for this evidence (histogram, else scores). */
  private void checkKeep(KeepRule rule, int keep, double[] evidence, int[] ranking) {
    double[] ranked = new double[ranking.length];
    for (int i = 0; i < ranking.length; i++) {
      ranked[i] = evidence[ranking[i]];
    }
    int expected;
    try {
      expected = rule.resolve(ranked);
    } catch (InvalidInputException e) {
      throw fail("'" + Keys.KEEP + "' " + keep + " does not follow from " + rule + ": " + e.getMessage());
    }
    if (expected != keep) {
      throw fail("'" + Keys.KEEP + "' is " + keep + " but " + rule + " of " + ranking.length + " groups keeps "
          + expected);
    }
  }

  /**
   * A per-stratum selection ({@code details.strata}): each stratum's count must be what the rule
   * gives for its size, and {@code keep} their sum.
   */
  private void checkStratifiedKeep(KeepRule rule, int keep, Object strata) {
    String path = Keys.DETAILS + "." + Scoring.STRATA;
    if (!(strata instanceof Map<?, ?> m) || !(m.get("sizes") instanceof List<?> sizes)
        || !(m.get("keep") instanceof List<?> counts) || sizes.size() != counts.size()) {
      throw fail("'" + path + "' must be {\"sizes\": [...], \"keep\": [...]} of equal lengths");
    }
    int[] n = new int[sizes.size()];
    for (int c = 0; c < n.length; c++) {
      if (!(sizes.get(c) instanceof Integer v) || v < 0 || !(counts.get(c) instanceof Integer)) {
        throw fail("'" + path + "' entry " + c + " must hold non-negative integers");
      }
      n[c] = v;
    }
    int[] expected;
    try {
      expected = StratifiedKeep.counts(rule, n);
    } catch (InvalidInputException e) {
      throw fail("'" + path + "' does not follow from " + rule + ": " + e.getMessage());
    }
    int sum = 0;
    for (int c = 0; c < n.length; c++) {
      if (expected[c] != (Integer) counts.get(c)) {
        throw fail("'" + path + ".keep'[" + c + "] is " + counts.get(c) + " but " + rule + " of " + n[c]
            + " samples keeps " + expected[c]);
      }
      sum += expected[c];
    }
    if (sum != keep) {
      throw fail("'" + Keys.KEEP + "' is " + keep + " but '" + path + ".keep' sums to " + sum);
    }
  }

  /** The ranking must list every group once. */
  private void checkPermutation(int[] ranking) {
    boolean[] seen = new boolean[ranking.length];
    for (int i = 0; i < ranking.length; i++) {
      int g = ranking[i];
      if (g < 0 || g >= ranking.length || seen[g]) {
        throw fail("'" + Keys.RANKING + "' must list every group 0.." + (ranking.length - 1) + " once; entry " + i
            + " is " + g);
      }
      seen[g] = true;
    }
  }

  /** The kept groups must be the first {@code keep} ranked groups, ascending. */
  private void checkKeptGroups(int[] ranking, int[] keptGroups) {
    int[] top = Arrays.copyOf(ranking, keptGroups.length);
    Arrays.sort(top);
    if (!Arrays.equals(top, keptGroups)) {
      throw fail("'" + Keys.KEPT_GROUPS + "' must be the first " + keptGroups.length + " groups of '"
          + Keys.RANKING + "' in ascending order");
    }
  }

  private Provenance provenance(JsonNode p) {
    if (!p.isObject()) {
      throw fail("'" + Keys.PROVENANCE + "' must be an object, found " + kind(p));
    }
    Map<String, String> fingerprints = new LinkedHashMap<>();
    JsonNode f = required(p, Keys.FINGERPRINTS);
    checkObject(f, Keys.PROVENANCE + "." + Keys.FINGERPRINTS);
    f.properties().forEach(e -> fingerprints.put(e.getKey(),
        text(f, e.getKey(), Keys.PROVENANCE + "." + Keys.FINGERPRINTS + "." + e.getKey())));
    Map<String, Long> timings = new LinkedHashMap<>();
    JsonNode t = required(p, Keys.TIMINGS_MILLIS);
    checkObject(t, Keys.PROVENANCE + "." + Keys.TIMINGS_MILLIS);
    t.properties().forEach(e -> timings.put(e.getKey(),
        integral(t, e.getKey(), Keys.PROVENANCE + "." + Keys.TIMINGS_MILLIS + "." + e.getKey())));
    return new Provenance(
        text(p, Keys.LIBRARY_VERSION, Keys.PROVENANCE + "." + Keys.LIBRARY_VERSION),
        text(p, Keys.CREATED_AT, Keys.PROVENANCE + "." + Keys.CREATED_AT),
        threads(p),
        text(p, Keys.JVM, Keys.PROVENANCE + "." + Keys.JVM),
        text(p, Keys.OS, Keys.PROVENANCE + "." + Keys.OS),
        text(p, Keys.ENGINE, Keys.PROVENANCE + "." + Keys.ENGINE),
        text(p, Keys.DEVICE, Keys.PROVENANCE + "." + Keys.DEVICE),
        fingerprintAlgorithm(p),
        fingerprints,
        timings);
  }

  /** The algorithm named, or SHA-256: manifests written before the key existed used it. */
  private String fingerprintAlgorithm(JsonNode provenance) {
    return provenance.has(Keys.FINGERPRINT_ALGORITHM)
        ? text(provenance, Keys.FINGERPRINT_ALGORITHM, Keys.PROVENANCE + "." + Keys.FINGERPRINT_ALGORITHM)
        : "sha256";
  }

  private int threads(JsonNode provenance) {
    String path = Keys.PROVENANCE + "." + Keys.THREADS;
    long threads = integral(provenance, Keys.THREADS, path);
    if (threads < 1 || threads > Integer.MAX_VALUE) {
      throw fail("'" + path + "' must be a positive int, found " + threads);
    }
    return (int) threads;
  }

  private Map<String, Object> map(JsonNode root, String key) {
    JsonNode node = required(root, key);
    checkObject(node, key);
    Map<String, Object> map = mapper.convertValue(node, MAP);
    map.forEach((k, v) -> {
      if (v == null) {
        throw fail("'" + key + "." + k + "' is null; leave the key out instead");
      }
    });
    return map;
  }

  private int[] ints(JsonNode root, String key, int length) {
    JsonNode array = array(root, key, length);
    int[] values = new int[length];
    for (int i = 0; i < length; i++) {
      JsonNode v = array.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        throw fail("'" + key + "'[" + i + "] must be an integer, found " + kind(v));
      }
      values[i] = v.intValue();
    }
    return values;
  }

  /** Numbers; the strings "Infinity", "-Infinity" and "NaN" stand for the non-finite values. */
  private double[] numbers(JsonNode root, String key, int length) {
    JsonNode array = array(root, key, length);
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      JsonNode v = array.get(i);
      if (v.isNumber()) {
        values[i] = v.doubleValue();
      } else if (v.isTextual() && (v.asText().equals("Infinity") || v.asText().equals("-Infinity")
          || v.asText().equals("NaN"))) {
        values[i] = Double.parseDouble(v.asText());
      } else {
        throw fail("'" + key + "'[" + i + "] must be a number, found " + kind(v));
      }
    }
    return values;
  }

  private JsonNode array(JsonNode root, String key, int length) {
    JsonNode array = required(root, key);
    if (!array.isArray()) {
      throw fail("'" + key + "' must be an array, found " + kind(array));
    }
    if (array.size() != length) {
      throw fail("'" + key + "' has " + array.size() + " entries, expected " + length);
    }
    return array;
  }

  private int[] sidecarInts(JsonNode root, String key, int count) throws IOException {
    return sidecar(root, key, NpyDtype.INT64, "int64", count).toIntArray(sidecarWhat(key));
  }

  private double[] sidecarDoubles(JsonNode root, String key, NpyDtype dtype, String dtypeName, int count)
      throws IOException {
    return sidecar(root, key, dtype, dtypeName, count).toDoubleArray(sidecarWhat(key));
  }

  private static String sidecarWhat(String key) {
    return "'" + key + "' of the selection";
  }

  /** Opens the sidecar a key points to, after checking its name, declared type, count and hash. */
  private NpyArray sidecar(JsonNode root, String key, NpyDtype dtype, String dtypeName, int count)
      throws IOException {
    JsonNode ref = required(root, key);
    if (!ref.isObject()) {
      throw fail("'" + key + "' must be a sidecar reference {file, dtype, count, sha256}, found " + kind(ref));
    }
    if (ref.has(Keys.FORMAT)) {
      throw new InvalidInputException(manifest + ": '" + key + "' refers to " + ref.path(Keys.FORMAT).asText()
          + " rows in '" + ref.path(Keys.FILE).asText() + "' (a selection made on Spark by dp4tl-spark); read them"
          + " with a Parquet reader, and the groups from the manifest's JSON");
    }
    String name = text(ref, Keys.FILE, key + "." + Keys.FILE);
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
      throw fail("'" + key + ".file' must be a file name inside the selection directory, found \"" + name + "\"");
    }
    String declared = text(ref, Keys.DTYPE, key + "." + Keys.DTYPE);
    if (!declared.equals(dtypeName)) {
      throw fail("'" + key + ".dtype' must be \"" + dtypeName + "\", found \"" + declared + "\"");
    }
    long declaredCount = integral(ref, Keys.COUNT, key + "." + Keys.COUNT);
    if (declaredCount != count) {
      throw fail("'" + key + ".count' is " + declaredCount + " but the manifest's counts call for " + count);
    }
    String sha = text(ref, Keys.SHA256, key + "." + Keys.SHA256);
    Path file = dir.resolve(name);
    if (!Files.exists(file)) {
      throw new InvalidInputException(file + ": no such file; " + manifest.getFileName() + " refers to it under '"
          + key + "' (copy the whole selection directory, not only " + manifest.getFileName() + ")");
    }
    RegularFiles.requireRegularFile(file, "a sidecar of " + manifest.getFileName());
    String actual = Sidecar.sha256(file);
    if (!actual.equalsIgnoreCase(sha)) {
      throw new InvalidInputException(file + ": SHA-256 is " + actual + " but " + manifest.getFileName()
          + " records " + sha + " under '" + key + "'; the file was modified or belongs to another selection");
    }
    NpyArray array = Npy.read(file);
    if (array.dtype() != dtype || array.shape().length != 1 || array.shape()[0] != count) {
      throw new InvalidInputException(file + ": expected a 1-D " + dtypeName + " array of " + count
          + " values, found " + array);
    }
    return array;
  }

  private JsonNode required(JsonNode parent, String key) {
    return required(parent, key, key);
  }

  private JsonNode required(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null) {
      throw fail("missing required key '" + path + "'");
    }
    return node;
  }

  private void checkObject(JsonNode node, String path) {
    if (!node.isObject()) {
      throw fail("'" + path + "' must be an object, found " + kind(node));
    }
  }

  private String text(JsonNode parent, String key) {
    return text(parent, key, key);
  }

  private String text(JsonNode parent, String key, String path) {
    JsonNode node = required(parent, key, path);
    if (!node.isTextual()) {
      throw fail("'" + path + "' must be a string, found " + kind(node));
    }
    return node.textValue();
  }

  private long integral(JsonNode parent, String key) {
    return integral(parent, key, key);
  }

  private long integral(JsonNode parent, String key, String path) {
    JsonNode node = required(parent, key, path);
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw fail("'" + path + "' must be an integer, found " + kind(node));
    }
    return node.longValue();
  }

  /** A non-negative int. */
  private int count(JsonNode parent, String key) {
    long v = integral(parent, key);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw fail("'" + key + "' must be an integer in [0, " + Integer.MAX_VALUE + "], found " + v);
    }
    return (int) v;
  }

  private static String kind(JsonNode node) {
    String text = node.toString();
    return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }

  private InvalidInputException fail(String what) {
    return new InvalidInputException(manifest + ": " + what);
  }
}
