package io.dp4tl.api;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * Where a selection came from, so it can be reproduced and audited.
 *
 * @param libraryVersion dp4tl version
 * @param createdAt ISO-8601 instant of creation
 * @param threads worker threads used
 * @param jvm Java vendor and version
 * @param os operating system and architecture
 * @param engine engine that ran the surrogate, or {@code "none"}
 * @param device device that ran it, e.g. {@code "cpu"}
 * @param fingerprintAlgorithm how the fingerprints were computed: {@code xxh3-128-4m}, or
 *     {@code sha256} (format version 1 manifests without the key, and runs without dp4tl-core)
 * @param fingerprints hash of each input (keys like {@code target.logits}, {@code source.labels},
 *     {@code model})
 * @param timingsMillis wall time of each phase
 */
public record Provenance(
    String libraryVersion,
    String createdAt,
    int threads,
    String jvm,
    String os,
    String engine,
    String device,
    String fingerprintAlgorithm,
    Map<String, String> fingerprints,
    Map<String, Long> timingsMillis) {

  public Provenance {
    requireNonNull(libraryVersion, "libraryVersion");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(jvm, "jvm");
    requireNonNull(os, "os");
    requireNonNull(engine, "engine");
    requireNonNull(device, "device");
    requireNonNull(fingerprintAlgorithm, "fingerprintAlgorithm");
    fingerprints = ImmutableMap.copyOf(fingerprints);
    timingsMillis = ImmutableMap.copyOf(timingsMillis);
  }
}
