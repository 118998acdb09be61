package io.dp4tl.gpu;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Accelerator;
import io.dp4tl.api.spi.Registry;
import io.dp4tl.gpu.internal.compute.CentroidOps;
import io.dp4tl.gpu.internal.compute.Gpu;
import io.dp4tl.gpu.internal.compute.LabelHistogram;
import io.dp4tl.gpu.internal.cuda.CudaUnavailableException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code "cuda"} accelerator: dp4tl's numeric kernels on an NVIDIA GPU. Argmax histograms and
 * nearest-centroid choices are identical to the CPU accelerator's (choices are re-checked exactly
 * where the GEMM's rounding could decide them); k-means sums are reduced in a fixed order in
 * double, but another order than the CPU's, so centroids and inertia agree up to float rounding. Chosen by
 * {@link io.dp4tl.api.Device#gpu()} or {@link io.dp4tl.api.Device#auto()}.
 *
 * <p>The first call to {@link #available()} (or to any kernel) looks for the CUDA driver, a
 * device, NVRTC and cuBLAS, and compiles the kernels; the outcome is kept. When CUDA is not usable
 * it logs one line saying why and every call runs on the {@code "cpu"} accelerator instead. The
 * k-means++ initialisation is not done here: it stays on the CPU side, shared and seeded, and
 * {@link #lloyd} starts from the centroids it is given.
 *
 * <p>Thread-safe: calls on one instance run one at a time on the device.
 */
public final class CudaAccelerator implements Accelerator {
  private static final Logger LOG = LoggerFactory.getLogger(CudaAccelerator.class);

  private final Supplier<CudaOptions> options;
  private final Supplier<Accelerator> cpu;
  private boolean probed;
  private Gpu gpu;
  private String unavailableReason;

  /**
   * Settings from system properties and environment ({@link CudaOptions#fromEnvironment()}), read
   * when the device is first probed; a malformed setting makes CUDA unavailable, with the reason
   * logged.
   */
  public CudaAccelerator() {
    this(CudaOptions::fromEnvironment, () -> Registry.accelerators().find("cpu"));
  }

  /** With explicit settings; register it with {@link Registry#accelerators()} to use it. */
  public CudaAccelerator(CudaOptions options) {
    this(constant(requireNonNull(options, "options")), () -> Registry.accelerators().find("cpu"));
  }

  CudaAccelerator(CudaOptions options, Supplier<Accelerator> cpu) {
    this(constant(requireNonNull(options, "options")), cpu);
  }

  private CudaAccelerator(Supplier<CudaOptions> options, Supplier<Accelerator> cpu) {
    this.options = options;
    this.cpu = requireNonNull(cpu, "cpu");
  }

  private static Supplier<CudaOptions> constant(CudaOptions options) {
    return () -> options;
  }

  @Override
  public String name() {
    return "cuda";
  }

  /** Whether a usable CUDA device was found (probed once, on the first call). */
  @Override
  public synchronized boolean available() {
    if (!probed) {
      probed = true;
      try {
        gpu = Gpu.open(options.get());
        LOG.info("CUDA accelerator on {}", gpu.description());
      } catch (CudaUnavailableException | RuntimeException e) {
        // Whatever fails while probing (no driver, no device, a context that cannot be had), the
        // CPU takes over with one line that says why.
        unavailableReason = e.getMessage();
        LOG.info("CUDA accelerator unavailable, dp4tl runs on the CPU: {}", unavailableReason);
      }
    }
    return gpu != null;
  }

  /** Why CUDA cannot be used here (probing first if needed), or empty when it can. */
  public synchronized Optional<String> unavailableReason() {
    available();
    return Optional.ofNullable(unavailableReason);
  }

  /** The device in use, with its architecture and library versions (probing first if needed). */
  public synchronized Optional<String> deviceDescription() {
    return available() ? Optional.of(gpu.description()) : Optional.empty();
  }

  /** The device, for tests; the context is made current on the calling thread. */
  synchronized Gpu gpu() {
    checkState(available(), "no CUDA device: %s", unavailableReason);
    gpu.makeCurrent();
    return gpu;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if threads is below 1
   * @throws InvalidInputException if the logits have no column
   * @throws CudaException if a CUDA call fails
   */
  @Override
  public synchronized long[] argmaxHistogram(FloatMatrix logits, int threads, RunControl control) {
    if (!available()) {
      return cpu.get().argmaxHistogram(logits, threads, control);
    }
    checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
    if (logits.cols() == 0) {
      throw new InvalidInputException(logits + " has no columns: logits need one column per source class");
    }
    if (logits.rows() == 0) {
      return new long[logits.cols()];
    }
    gpu.makeCurrent();
    return LabelHistogram.argmaxHistogram(gpu, logits, threads, control);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if k or threads is below 1, or the centroids are not
   *     {@code k * x.cols()} finite floats
   * @throws CudaException if a CUDA call fails
   */
  @Override
  public synchronized int[] nearest(FloatMatrix x, float[] centroids, int k, int threads, RunControl control) {
    if (!available()) {
      return cpu.get().nearest(x, centroids, k, threads, control);
    }
    checkCentroids(x, centroids, k, threads);
    if (x.rows() == 0) {
      return new int[0];
    }
    gpu.makeCurrent();
    return CentroidOps.nearest(gpu, x, centroids, k, threads, control);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if k or threads is below 1, maxIterations or tolerance is
   *     negative, or the initial centroids are not {@code k * x.cols()} finite floats
   * @throws CudaException if a CUDA call fails
   */
  @Override
  public synchronized KMeansResult lloyd(FloatMatrix x, float[] initial, int k, int maxIterations, double tolerance,
      int threads, RunControl control) {
    if (!available()) {
      return cpu.get().lloyd(x, initial, k, maxIterations, tolerance, threads, control);
    }
    checkCentroids(x, initial, k, threads);
    checkArgument(maxIterations >= 0, "maxIterations must be >= 0, got %s", maxIterations);
    checkArgument(tolerance >= 0 && Double.isFinite(tolerance), "tolerance must be finite and >= 0, got %s",
        tolerance);
    if (k > x.rows()) {
      throw new InvalidInputException("k-means with k=" + k + " clusters needs at least k rows, but " + x + " has "
          + x.rows() + "; use fewer clusters");
    }
    gpu.makeCurrent();
    return CentroidOps.lloyd(gpu, x, initial, k, maxIterations, tolerance, threads, control);
  }

  private static void checkCentroids(FloatMatrix x, float[] centroids, int k, int threads) {
    checkArgument(k >= 1, "k must be >= 1, got %s", k);
    checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
    checkArgument(x.cols() >= 1, "%s has no columns", x);
    checkArgument((long) k * x.cols() == centroids.length, "centroids hold %s floats, expected k * d = %s * %s",
        centroids.length, k, x.cols());
    for (int i = 0; i < centroids.length; i++) {
      checkArgument(Float.isFinite(centroids[i]), "centroid %s holds %s at column %s; centroids must be finite",
          i / x.cols(), centroids[i], i % x.cols());
    }
  }
}
