package io.dp4tl.core.manifest;

/** The keys of {@code selection.json}, format versions 1 and 2 (documented in {@code docs/manifest.md}). */
final class Keys {
  static final String FORMAT_VERSION = "formatVersion";
  static final String METHOD = "method";
  static final String LEVEL = "level";
  /** Version 2: the keep rule, {@code {"kind": "ratio" | "count" | "share", "value": number}}. */
  static final String RULE = "rule";
  static final String RULE_KIND = "kind";
  static final String RULE_VALUE = "value";
  static final String RULE_RATIO = "ratio";
  static final String RULE_COUNT = "count";
  static final String RULE_SHARE = "share";
  /** Version 1: the ratio asked for, or null. */
  static final String RATIO = "ratio";
  /** Version 1: the share asked for, or null. */
  static final String SHARE = "share";
  static final String KEEP = "keep";
  static final String GROUP_COUNT = "groupCount";
  static final String SOURCE_SAMPLE_COUNT = "sourceSampleCount";
  static final String KEPT_SAMPLE_COUNT = "keptSampleCount";
  static final String SEED = "seed";
  static final String OPTIONS = "options";
  static final String HISTOGRAM = "histogram";
  static final String SCORES = "scores";
  static final String RANKING = "ranking";
  static final String KEPT_GROUPS = "keptGroups";
  static final String KEPT_SAMPLES = "keptSamples";
  static final String DETAILS = "details";
  static final String PROVENANCE = "provenance";

  static final String LIBRARY_VERSION = "libraryVersion";
  static final String CREATED_AT = "createdAt";
  static final String THREADS = "threads";
  static final String JVM = "jvm";
  static final String OS = "os";
  static final String ENGINE = "engine";
  static final String DEVICE = "device";
  static final String FINGERPRINT_ALGORITHM = "fingerprintAlgorithm";
  static final String FINGERPRINTS = "fingerprints";
  static final String TIMINGS_MILLIS = "timingsMillis";

  static final String FILE = "file";
  static final String DTYPE = "dtype";
  static final String COUNT = "count";
  static final String SHA256 = "sha256";
  static final String FORMAT = "format";
  static final String COLUMN = "column";

  private Keys() {}
}
