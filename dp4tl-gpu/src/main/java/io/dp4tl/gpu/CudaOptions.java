package io.dp4tl.gpu;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import io.dp4tl.api.InvalidInputException;
import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Settings of the CUDA accelerator.
 *
 * <p>{@link #fromEnvironment()} (what the accelerator found by {@link java.util.ServiceLoader}
 * uses) reads them from system properties, falling back to environment variables:
 *
 * <ul>
 *   <li>{@code dp4tl.cuda.path} / {@code DP4TL_CUDA_PATH}: folders holding {@code libcuda.so.1},
 *       {@code libnvrtc.so.*} and {@code libcublas.so.*}, separated by {@code :}; searched before
 *       the system loader and the standard CUDA locations;
 *   <li>{@code dp4tl.cuda.device} / {@code DP4TL_CUDA_DEVICE}: the device ordinal (default 0);
 *   <li>{@code dp4tl.cuda.tf32} / {@code DP4TL_CUDA_TF32}: {@code true} lets cuBLAS use TF32
 *       tensor cores for the distance GEMM (default {@code false}).
 * </ul>
 *
 * <p>TF32 multiplies with 10-bit mantissas: several times faster on Ampere and later GPUs, but
 * nearest-centroid choices between almost equidistant centroids may then differ from the CPU's,
 * so results are no longer guaranteed identical to the CPU accelerator's. Off by default.
 *
 * @param device CUDA device ordinal
 * @param allowTf32 whether the distance GEMM may use TF32
 * @param libraryPath folders searched first for the CUDA libraries
 * @param searchDefaultLocations whether the system loader and the standard CUDA install
 *     locations are searched after {@code libraryPath}
 * @param rowMemoryLimit the most device memory, in bytes, that k-means may use to keep the rows
 *     on the device across iterations; 0 means 80% of the memory free when the call starts. Rows
 *     that do not fit are streamed from host memory on every iteration instead (same results,
 *     slower). Lower it to leave room for other work on a shared GPU.
 */
public record CudaOptions(
    int device, boolean allowTf32, List<Path> libraryPath, boolean searchDefaultLocations, long rowMemoryLimit) {

  /** System property naming the folders searched first for the CUDA libraries. */
  public static final String PATH_PROPERTY = "dp4tl.cuda.path";
  /** Environment variable read when {@link #PATH_PROPERTY} is not set. */
  public static final String PATH_ENV = "DP4TL_CUDA_PATH";
  /** System property naming the device ordinal. */
  public static final String DEVICE_PROPERTY = "dp4tl.cuda.device";
  /** System property allowing TF32. */
  public static final String TF32_PROPERTY = "dp4tl.cuda.tf32";

  /**
   * @throws IllegalArgumentException if device or rowMemoryLimit is negative
   */
  public CudaOptions {
    checkArgument(device >= 0, "CUDA device ordinal must be >= 0, got %s", device);
    checkArgument(rowMemoryLimit >= 0, "row memory limit must be >= 0 bytes, got %s", rowMemoryLimit);
    libraryPath = ImmutableList.copyOf(requireNonNull(libraryPath, "libraryPath"));
  }

  /** Device 0, no TF32, the default library search. */
  public static CudaOptions defaults() {
    return new CudaOptions(0, false, List.of(), true, 0);
  }

  /**
   * The defaults overridden by the system properties and environment variables listed above.
   *
   * @throws InvalidInputException if a device ordinal, TF32 flag or folder is malformed (the
   *     message names the property or variable)
   */
  public static CudaOptions fromEnvironment() {
    String path = setting(PATH_PROPERTY, PATH_ENV);
    String device = setting(DEVICE_PROPERTY, "DP4TL_CUDA_DEVICE");
    String tf32 = setting(TF32_PROPERTY, "DP4TL_CUDA_TF32");
    ImmutableList.Builder<Path> folders = ImmutableList.builder();
    if (path != null) {
      for (String folder : Splitter.on(File.pathSeparatorChar).omitEmptyStrings().trimResults().split(path)) {
        try {
          folders.add(Path.of(folder));
        } catch (InvalidPathException e) {
          throw new InvalidInputException(
              PATH_PROPERTY + " / " + PATH_ENV + " holds '" + folder + "', which is not a valid folder", e);
        }
      }
    }
    int ordinal = 0;
    if (device != null) {
      try {
        ordinal = Integer.parseInt(device.trim());
      } catch (NumberFormatException e) {
        ordinal = -1;
      }
      if (ordinal < 0) {
        throw new InvalidInputException(
            DEVICE_PROPERTY + " must be a device ordinal (0, 1, ...), got '" + device + "'");
      }
    }
    boolean allowTf32 = false;
    if (tf32 != null) {
      if (!tf32.trim().equalsIgnoreCase("true") && !tf32.trim().equalsIgnoreCase("false")) {
        throw new InvalidInputException(TF32_PROPERTY + " must be true or false, got '" + tf32 + "'");
      }
      allowTf32 = Boolean.parseBoolean(tf32.trim());
    }
    return new CudaOptions(ordinal, allowTf32, folders.build(), true, 0);
  }

  /** These options with TF32 allowed or not. */
  public CudaOptions withTf32(boolean allow) {
    return new CudaOptions(device, allow, libraryPath, searchDefaultLocations, rowMemoryLimit);
  }

  /** These options loading the CUDA libraries from the given folders only. */
  public CudaOptions withLibrariesOnlyFrom(List<Path> folders) {
    return new CudaOptions(device, allowTf32, folders, false, rowMemoryLimit);
  }

  /**
   * These options with a limit on the device memory k-means keeps rows in (0: 80% of free).
   *
   * @throws IllegalArgumentException if bytes is negative
   */
  public CudaOptions withRowMemoryLimit(long bytes) {
    return new CudaOptions(device, allowTf32, libraryPath, searchDefaultLocations, bytes);
  }

  private static String setting(String property, String env) {
    String value = System.getProperty(property);
    return value != null ? value : System.getenv(env);
  }
}
