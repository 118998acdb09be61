package io.dp4tl.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Level;
import io.dp4tl.api.Provenance;
import io.dp4tl.api.Selection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the JSON tree of {@code selection.json} (format version {@value Selection#FORMAT_VERSION})
 * from a selection and the sidecars already written for it. Top-level keys come in a fixed order and the keys of every map
 * (options, details, fingerprints, timings) sorted, so equal selections give equal bytes whatever
 * map implementation produced them.
 */
final class ManifestWriter {
  /** Largest magnitude below which every integer is exact in a double (2^53). */
  private static final double EXACT_INTEGERS = 9007199254740992.0;

  private final ObjectMapper mapper;
  private final JsonNodeFactory nodes;

  ManifestWriter(ObjectMapper mapper) {
    this.mapper = mapper;
    this.nodes = mapper.getNodeFactory();
  }

  /**
   * The manifest's tree.
   *
   * @param sidecars the kept samples, and at sample level also the ranking and scores
   * @throws IllegalArgumentException if an option or detail value cannot be represented in JSON
   */
  ObjectNode toTree(Selection s, Sidecars sidecars) {
    ObjectNode root = head(s, s.keptSampleCount());
    if (s.level() == Level.SAMPLE) {
      root.set(Keys.SCORES, sidecar(sidecars.scores()));
      root.set(Keys.RANKING, sidecar(sidecars.ranking()));
      root.set(Keys.KEPT_GROUPS, sidecar(sidecars.keptSamples()));
    } else {
      groups(root, s);
    }
    root.set(Keys.KEPT_SAMPLES, sidecar(sidecars.keptSamples()));
    return tail(root, s);
  }

  /**
   * The manifest's tree for a class- or cluster-level selection whose kept samples are rows
   * stored beside it ({@link KeptRows}); the selection's own kept samples are not written.
   *
   * @throws IllegalArgumentException if the selection is at sample level, or an option or detail
   *     value cannot be represented in JSON
   */
  ObjectNode toTree(Selection s, KeptRows kept) {
    if (s.level() == Level.SAMPLE) {
      throw new IllegalArgumentException("kept rows stored as Parquet need a class- or cluster-level selection");
    }
    ObjectNode root = head(s, kept.count());
    groups(root, s);
    ObjectNode node = root.putObject(Keys.KEPT_SAMPLES);
    node.put(Keys.FILE, kept.directory());
    node.put(Keys.DTYPE, "int64");
    node.put(Keys.COUNT, kept.count());
    node.put(Keys.FORMAT, KeptRows.FORMAT);
    node.put(Keys.COLUMN, kept.idColumn());
    return tail(root, s);
  }

  private ObjectNode head(Selection s, int keptSampleCount) {
    ObjectNode root = nodes.objectNode();
    root.put(Keys.FORMAT_VERSION, Selection.FORMAT_VERSION);
    root.put(Keys.METHOD, s.method());
    root.put(Keys.LEVEL, s.level().name().toLowerCase(Locale.ROOT));
    root.set(Keys.RULE, rule(s.rule()));
    root.put(Keys.KEEP, s.keep());
    root.put(Keys.GROUP_COUNT, s.groupCount());
    root.put(Keys.SOURCE_SAMPLE_COUNT, s.sourceSampleCount());
    root.put(Keys.KEPT_SAMPLE_COUNT, keptSampleCount);
    root.put(Keys.SEED, s.seed());
    root.set(Keys.OPTIONS, anyValue(s.options(), Keys.OPTIONS));
    if (s.histogram() != null) {
      root.set(Keys.HISTOGRAM, numbers(s.histogram()));
    } else {
      root.putNull(Keys.HISTOGRAM);
    }
    return root;
  }

  private void groups(ObjectNode root, Selection s) {
    root.set(Keys.SCORES, numbers(s.scores()));
    root.set(Keys.RANKING, ints(s.ranking()));
    root.set(Keys.KEPT_GROUPS, ints(s.keptGroups()));
  }

  private ObjectNode tail(ObjectNode root, Selection s) {
    root.set(Keys.DETAILS, anyValue(s.details(), Keys.DETAILS));
    root.set(Keys.PROVENANCE, provenance(s.provenance()));
    return root;
  }

  /** {@code {"kind": ..., "value": ...}}: the rule asked for, whichever kind it is. */
  private ObjectNode rule(KeepRule rule) {
    ObjectNode node = nodes.objectNode();
    if (rule instanceof KeepRule.Ratio r) {
      node.put(Keys.RULE_KIND, Keys.RULE_RATIO).put(Keys.RULE_VALUE, r.ratio());
    } else if (rule instanceof KeepRule.Count c) {
      node.put(Keys.RULE_KIND, Keys.RULE_COUNT).put(Keys.RULE_VALUE, c.count());
    } else {
      node.put(Keys.RULE_KIND, Keys.RULE_SHARE).put(Keys.RULE_VALUE, ((KeepRule.Share) rule).share());
    }
    return node;
  }

  private ObjectNode provenance(Provenance p) {
    ObjectNode node = nodes.objectNode();
    node.put(Keys.LIBRARY_VERSION, p.libraryVersion());
    node.put(Keys.CREATED_AT, p.createdAt());
    node.put(Keys.THREADS, p.threads());
    node.put(Keys.JVM, p.jvm());
    node.put(Keys.OS, p.os());
    node.put(Keys.ENGINE, p.engine());
    node.put(Keys.DEVICE, p.device());
    node.put(Keys.FINGERPRINT_ALGORITHM, p.fingerprintAlgorithm());
    ObjectNode fingerprints = node.putObject(Keys.FINGERPRINTS);
    new TreeMap<>(p.fingerprints()).forEach(fingerprints::put);
    ObjectNode timings = node.putObject(Keys.TIMINGS_MILLIS);
    new TreeMap<>(p.timingsMillis()).forEach(timings::put);
    return node;
  }

  private ObjectNode sidecar(Sidecar sidecar) {
    ObjectNode node = nodes.objectNode();
    node.put(Keys.FILE, sidecar.file());
    node.put(Keys.DTYPE, sidecar.dtype());
    node.put(Keys.COUNT, sidecar.count());
    node.put(Keys.SHA256, sidecar.sha256());
    return node;
  }

  private ArrayNode ints(int[] values) {
    ArrayNode array = nodes.arrayNode(values.length);
    for (int v : values) {
      array.add(v);
    }
    return array;
  }

  /** Integral values within the exact range of a double are written as JSON integers. */
  private ArrayNode numbers(double[] values) {
    ArrayNode array = nodes.arrayNode(values.length);
    for (double v : values) {
      if (v == Math.rint(v) && Math.abs(v) <= EXACT_INTEGERS) {
        array.add((long) v);
      } else {
        array.add(v);
      }
    }
    return array;
  }

  private JsonNode anyValue(Map<String, Object> map, String key) {
    try {
      return mapper.valueToTree(map);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + key + "' cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The sidecars of one artifact.
   *
   * @param keptSamples {@code kept-samples.npy}
   * @param ranking {@code ranking.npy} at sample level, else {@code null}
   * @param scores {@code scores.npy} at sample level, else {@code null}
   */
  record Sidecars(Sidecar keptSamples, Sidecar ranking, Sidecar scores) {}
}
