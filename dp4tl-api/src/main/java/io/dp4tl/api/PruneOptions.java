package io.dp4tl.api;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validated settings of one pruning run, as collected by {@link PruneBuilder} and handed to the
 * {@link io.dp4tl.api.spi.Scorer}.
 *
 * @param method scorer name, e.g. {@code "lm"}
 * @param seed seed of every random choice (k-means++, random baselines); same seed, same result
 * @param threads worker threads, 1 to {@value #MAX_THREADS}; results do not depend on it
 * @param clusters number of k-means clusters for Feature Mapping, or {@code null}
 * @param groupByLabels whether Feature Mapping groups the source by its labels
 * @param batchSize samples per surrogate batch
 * @param device where numeric kernels run
 * @param params scorer-specific parameters (e.g. {@code kmeans.maxIterations})
 */
public record PruneOptions(
    String method,
    long seed,
    int threads,
    Integer clusters,
    boolean groupByLabels,
    int batchSize,
    Device device,
    Map<String, String> params) {

  /**
   * Most worker threads a run may use. The numeric kernels split work into blocks per thread; far
   * more threads than cores only add scheduling and merging (4,096 threads ran 10 times slower than
   * 2 on a 2-core machine).
   */
  public static final int MAX_THREADS = 256;

  /** @throws IllegalArgumentException if a value is out of range or clusters and groupByLabels are both set */
  public PruneOptions {
    requireNonNull(method, "method");
    requireNonNull(device, "device");
    checkArgument(threads >= 1 && threads <= MAX_THREADS, "threads must be in [1, %s], got %s", MAX_THREADS, threads);
    checkArgument(clusters == null || clusters >= 1, "clusters must be >= 1, got %s", clusters);
    checkArgument(!(clusters != null && groupByLabels), "clusters(k) and groupByLabels() exclude each other");
    checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
    params = ImmutableMap.copyOf(params);
  }

  /**
   * Options as a JSON-friendly map, for the manifest. The thread count is left out: it does not
   * change the result (it is recorded in {@link Provenance#threads()}), so equal runs give equal
   * manifests whatever the thread count.
   */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("seed", seed);
    if (clusters != null) {
      map.put("clusters", clusters);
    }
    if (groupByLabels) {
      map.put("groupByLabels", true);
    }
    map.put("batchSize", batchSize);
    map.put("device", device.kind());
    if (!params.isEmpty()) {
      map.put("params", params);
    }
    return map;
  }

  /**
   * A scorer parameter parsed as a double, or {@code fallback} when absent.
   *
   * @throws InvalidInputException if the value is not a number
   */
  public double param(String key, double fallback) {
    String v = params.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("option " + key + "=" + v + " is not a number");
    }
  }
}
