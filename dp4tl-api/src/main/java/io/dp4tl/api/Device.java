package io.dp4tl.api;

import static java.util.Objects.requireNonNull;

import io.dp4tl.api.spi.Accelerator;
import io.dp4tl.api.spi.Registry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where selection's numeric kernels run: {@link #cpu()}, {@link #gpu()} (CUDA through dp4tl-gpu)
 * or {@link #auto()} (the GPU when one is usable, else the CPU). Asking for a GPU where none is
 * usable logs one line and runs on the CPU with identical results.
 *
 * @param kind {@code "cpu"}, {@code "gpu"} or {@code "auto"}
 */
public record Device(String kind) {
  private static final Logger LOG = LoggerFactory.getLogger(Device.class);
  private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

  /** @throws IllegalArgumentException if kind is not cpu, gpu or auto */
  public Device {
    requireNonNull(kind, "kind");
    if (!kind.equals("cpu") && !kind.equals("gpu") && !kind.equals("auto")) {
      throw new IllegalArgumentException("device must be cpu, gpu or auto, got '" + kind + "'");
    }
  }

  public static Device cpu() {
    return new Device("cpu");
  }

  public static Device gpu() {
    return new Device("gpu");
  }

  public static Device auto() {
    return new Device("auto");
  }

  /**
   * The accelerator to use.
   *
   * @throws InvalidInputException if not even the CPU accelerator (dp4tl-core) is on the classpath
   */
  public Accelerator resolve() {
    if (!kind.equals("cpu")) {
      Optional<Accelerator> gpu = Registry.accelerators().all().stream()
          .filter(a -> !a.name().equals("cpu"))
          .filter(Accelerator::available)
          .findFirst();
      if (gpu.isPresent()) {
        return gpu.get();
      }
      if (kind.equals("gpu") && !FALLBACK_LOGGED.getAndSet(true)) {
        LOG.info(fallbackNotice(Registry.accelerators().names(), Registry.accelerators().unloadable()));
      }
    }
    return Registry.accelerators().find("cpu");
  }

  /** The one line a user who asked for a GPU reads when none is usable. */
  static String fallbackNotice(List<String> found, List<String> unloadable) {
    if (!unloadable.isEmpty() && unloadable.stream().allMatch(r -> r.contains(" needs Java "))) {
      String need = unloadable.get(0);
      return "GPU acceleration needs " + need.substring(need.indexOf(" needs Java ") + 7) + "; using the CPU";
    }
    return "no usable GPU accelerator (found: " + String.join(", ", found)
        + (unloadable.isEmpty() ? "" : "; not loadable here: " + String.join("; ", unloadable)) + "); using the CPU";
  }
}
