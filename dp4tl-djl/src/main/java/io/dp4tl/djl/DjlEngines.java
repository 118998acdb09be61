package io.dp4tl.djl;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Utils;
import io.dp4tl.api.ModelException;

/**
 * The one door through which dp4tl reaches DJL: it makes sure DJL never touches the network, then
 * loads the PyTorch engine from the natives on the classpath.
 *
 * <p>DJL phones home when its {@code Engine} class initialises (it reads the EC2 metadata address
 * and fetches a telemetry URL) unless offline mode or tracking opt-out is on, and in online mode it
 * may download PyTorch natives or model-zoo files. Before the first DJL engine call, this class sets
 * the system properties {@value #OFFLINE_PROPERTY}{@code =true} (DJL then refuses every http(s) URL
 * and skips telemetry) and {@value #TRACKING_PROPERTY}{@code =true}, unless the embedder set them.
 * DJL reads the environment variables {@code DJL_OFFLINE} and {@code OPT_OUT_TRACKING} before the
 * system properties, so an environment that switches offline mode off wins over dp4tl: this class
 * then refuses to load the engine rather than let DJL go online.
 *
 * <p>The PyTorch natives come from {@code ai.djl.pytorch:pytorch-native-cpu} (classifier
 * {@code linux-x86_64}) and the JNI glue from {@code ai.djl.pytorch:pytorch-jni}: on first use DJL
 * extracts them from those jars into its local cache ({@code ~/.djl.ai/pytorch}, or
 * {@code $DJL_CACHE_DIR} / {@code $ENGINE_CACHE_DIR}); nothing is downloaded.
 *
 * <p>Embedders that use DJL themselves should call {@link #pytorch()} (or set the same properties)
 * before their own first DJL call: whoever initialises DJL's {@code Engine} first decides.
 */
public final class DjlEngines {
  /** System property that puts DJL in offline mode. */
  public static final String OFFLINE_PROPERTY = "ai.djl.offline";
  /** System property (also an environment variable) that opts DJL out of telemetry. */
  public static final String TRACKING_PROPERTY = "OPT_OUT_TRACKING";
  /** Name of the DJL engine dp4tl uses. */
  public static final String ENGINE_NAME = "PyTorch";

  private static volatile Engine engine;

  private DjlEngines() {}

  /**
   * The PyTorch engine, loaded offline on first call.
   *
   * @throws ModelException if the environment turns DJL's offline mode off, or the PyTorch natives
   *     cannot be loaded from the classpath
   */
  public static Engine pytorch() {
    Engine e = engine;
    if (e == null) {
      synchronized (DjlEngines.class) {
        e = engine;
        if (e == null) {
          goOffline();
          e = load();
          engine = e;
        }
      }
    }
    return e;
  }

  /**
   * {@code "DJL <version> / PyTorch <version>"}, loading the engine if needed.
   *
   * @throws ModelException if the engine cannot be loaded (see {@link #pytorch()})
   */
  public static String description() {
    Engine e = pytorch();
    return "DJL " + Engine.getDjlVersion() + " / " + e.getEngineName() + " " + e.getVersion();
  }

  /**
   * Prepares the calling thread for DJL work: sets PyTorch's intra-op thread count for ops started
   * from this thread and switches autograd recording off (dp4tl switches it on only inside a
   * gradient collector). PyTorch keeps both settings per thread, so every thread that runs DJL ops
   * calls this first.
   *
   * @param threads intra-op threads, at least 1
   * @throws IllegalArgumentException if {@code threads < 1}
   * @throws ModelException if the engine cannot be loaded (see {@link #pytorch()})
   */
  public static void prepareThread(int threads) {
    checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
    pytorch();
    if (JniUtils.getNumThreads() != threads) {
      JniUtils.setNumThreads(threads);
    }
    JniUtils.setGradMode(false);
  }

  private static void goOffline() {
    if (System.getProperty(OFFLINE_PROPERTY) == null) {
      System.setProperty(OFFLINE_PROPERTY, "true");
    }
    if (System.getProperty(TRACKING_PROPERTY) == null) {
      System.setProperty(TRACKING_PROPERTY, "true");
    }
    if (!Utils.isOfflineMode()) {
      throw new ModelException("DJL offline mode is switched off (environment DJL_OFFLINE="
          + System.getenv("DJL_OFFLINE") + ", system property " + OFFLINE_PROPERTY + "="
          + System.getProperty(OFFLINE_PROPERTY) + "); dp4tl never lets DJL reach the network:"
          + " unset DJL_OFFLINE or set it to true");
    }
  }

  private static Engine load() {
    try {
      return Engine.getEngine(ENGINE_NAME);
    } catch (EngineException | IllegalArgumentException e) {
      throw new ModelException("cannot load DJL's " + ENGINE_NAME + " engine offline: " + e.getMessage()
          + " (dp4tl needs ai.djl.pytorch:pytorch-native-cpu:linux-x86_64 and pytorch-jni on the"
          + " classpath; the PYTORCH_VERSION, PYTORCH_FLAVOR and PYTORCH_LIBRARY_PATH variables must"
          + " be unset or point at local natives)", e);
    }
  }
}
