package io.dp4tl.api;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import io.dp4tl.api.spi.ScorerOption;
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
   * The value of a decimal scorer option: the given one, parsed, else its default.
   *
   * @throws InvalidInputException if the given value is not valid for the option
   */
  public double param(ScorerOption.Decimal option) {
    String v = params.get(option.key());
    return v == null ? option.defaultValue() : option.check(v);
  }

  /**
   * The value of a whole-number scorer option: the given one, parsed, else its default.
   *
   * @throws InvalidInputException if the given value is not valid for the option
   */
  public int param(ScorerOption.Whole option) {
    String v = params.get(option.key());
    return v == null ? option.defaultValue() : option.check(v);
  }

  /**
   * The value of a choice scorer option: the given one, checked, else its default.
   *
   * @throws InvalidInputException if the given value is not one of the choices
   */
  public String param(ScorerOption.Choice option) {
    String v = params.get(option.key());
    return v == null ? option.defaultValue() : option.check(v);
  }
}
