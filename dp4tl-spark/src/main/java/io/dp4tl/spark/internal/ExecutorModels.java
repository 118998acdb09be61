package io.dp4tl.spark.internal;

import io.dp4tl.onnx.OnnxBackend;
import io.dp4tl.onnx.internal.OnnxOptionParser;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The ONNX Runtime sessions of one executor JVM: at most one per (model, options, intra-op threads),
 * opened by the first task that needs it from the broadcast model bytes and shared by every task of
 * the JVM after it. They are closed by a JVM shutdown hook, registered with the first session: an
 * executor stops by leaving its JVM, which runs the hook, and (unlike an executor plugin) this needs
 * no {@code spark.plugins} setting from the user; a task's completion listener would close the
 * session after every task, not once per executor. In {@code local} mode the executor is the driver
 * JVM, so its sessions live until that JVM exits.
 */
public final class ExecutorModels {
  private static final Map<String, OnnxBackend> OPEN = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "dp4tl-onnx-sessions"));
  }

  private ExecutorModels() {}

  /**
   * This JVM's session for the model, opened now if it is the first asked for.
   *
   * @param fingerprint the model's SHA-256, with the options and threads the key of the session
   * @param model the model bytes, read (from the broadcast) only when the session is opened
   * @throws io.dp4tl.api.ModelException if the model cannot be loaded
   */
  public static OnnxBackend session(String fingerprint, String name, Supplier<byte[]> model,
      Map<String, String> options, int threads) {
    // The user's options with Spark's thread count; spinning stays at the parser's default, off
    // (SparkSurrogate refuses both keys from the user).
    Map<String, String> run = new TreeMap<>(options);
    run.put("threads", Integer.toString(threads));
    run.remove("spinning");
    return OPEN.computeIfAbsent(fingerprint + " " + run,
        k -> OnnxBackend.fromBytes(name, model.get(), OnnxOptionParser.parse(run)));
  }

  /** Number of open sessions in this JVM. */
  public static int open() {
    return OPEN.size();
  }

  private static void closeAll() {
    for (OnnxBackend backend : OPEN.values()) {
      try {
        backend.close();
      } catch (RuntimeException e) {
        // the JVM is exiting; nothing else to do with a session ORT could not release
      }
    }
    OPEN.clear();
  }
}
