package io.dp4tl.onnx;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.google.common.hash.Hashing;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.ModelException;
import io.dp4tl.api.data.Image;
import io.dp4tl.api.spi.Batch;
import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.api.spi.ModelInfo;
import io.dp4tl.api.spi.ModelOutput;
import io.dp4tl.core.image.Preprocessing;
import io.dp4tl.core.io.RegularFiles;
import io.dp4tl.onnx.internal.SampleIndices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A surrogate run by ONNX Runtime on the CPU. Images are encoded by the options'
 * {@link Preprocessing}; each batch goes through one {@code OrtSession.run} per
 * {@link OnnxOptions#maxBatch()} samples, and the logits and features outputs are reduced per
 * sample by their {@link OutputReduction}s.
 *
 * <p>On opening, the model runs once on a zero input to learn its output widths and to check that
 * it accepts the preprocessing's input shape. {@link #encode} and {@link #run} are thread-safe:
 * concurrent runs share the session (ONNX Runtime allows concurrent runs of one session), each with
 * its own input buffer, so several threads (e.g. the tasks of a Spark executor) can use one loaded
 * model; {@link #close} waits for the runs in progress.
 */
public final class OnnxBackend implements ModelBackend {
  /** System property setting ONNX Runtime's own log level, see {@link #logLevel()}. */
  public static final String LOG_LEVEL_PROPERTY = "dp4tl.onnx.logLevel";

  private final String name;
  private final OnnxOptions options;
  private final OrtEnvironment env;
  private final OrtSession.SessionOptions sessionOptions;
  private final OrtSession session;
  private final String inputName;
  private final int staticBatch;
  private final int elements;
  private final Output logits;
  private final Output features;
  private final ModelInfo info;
  /** Input buffers not in use by a run; at most one per concurrent run is ever allocated. */
  private final Queue<FloatBuffer> inputBuffers = new ConcurrentLinkedQueue<>();
  /** Runs hold it shared, {@link #close} exclusively: a session is never closed under a run. */
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private OnnxBackend(String name, byte[] model, OnnxOptions options) {
    this.name = name;
    this.options = options;
    this.env = OrtEnvironment.getEnvironment(logLevel(), "dp4tl");
    this.elements = options.preprocessing().elements();
    OrtSession.SessionOptions so = null;
    OrtSession s = null;
    try {
      so = new OrtSession.SessionOptions();
      so.setIntraOpNumThreads(options.intraOpThreads());
      so.setInterOpNumThreads(1);
      so.addConfigEntry("session.intra_op.allow_spinning", options.spinning() ? "1" : "0");
      so.addConfigEntry("session.inter_op.allow_spinning", options.spinning() ? "1" : "0");
      s = env.createSession(model, so);
      this.inputName = checkInput(s);
      this.staticBatch = (int) ((TensorInfo) s.getInputInfo().get(inputName).getInfo()).getShape()[0];
      String logitsName = options.logitsOutput() != null ? options.logitsOutput()
          : s.getNumOutputs() == 1 && options.featuresOutput() == null ? s.getOutputNames().iterator().next() : null;
      checkOutput(s, logitsName, "logits");
      checkOutput(s, options.featuresOutput(), "features");
      this.sessionOptions = so;
      this.session = s;
      long[][] shapes = probe(logitsName, options.featuresOutput());
      this.logits = logitsName == null ? null : new Output(logitsName, shapes[0], options.logitsReduction());
      this.features = options.featuresOutput() == null ? null
          : new Output(options.featuresOutput(), shapes[1], options.featuresReduction());
    } catch (OrtException e) {
      closeQuietly(s, so);
      throw new ModelException("cannot load ONNX model '" + name + "': " + e.getMessage()
          + " (is it a valid, uncorrupted .onnx file?)", e);
    } catch (RuntimeException e) {
      closeQuietly(s, so);
      throw e;
    }
    this.info = new ModelInfo(
        name,
        "onnxruntime " + env.getVersion(),
        "cpu",
        Hashing.sha256().hashBytes(model).toString(),
        options.preprocessing().inputShape(),
        logits == null ? 0 : logits.width,
        features == null ? 0 : features.width);
  }

  /**
   * ONNX Runtime's own log level (it logs to standard error, outside dp4tl's logging): only fatal
   * errors unless the system property {@value #LOG_LEVEL_PROPERTY} names another
   * ({@code verbose}, {@code info}, {@code warning}, {@code error}, {@code fatal}; {@code dp4tl
   * select --verbose} sets {@code warning}). It takes effect when the first model is loaded in
   * the JVM: ONNX Runtime has one environment per process.
   */
  static OrtLoggingLevel logLevel() {
    String level = System.getProperty(LOG_LEVEL_PROPERTY, "fatal").strip().toLowerCase(Locale.ROOT);
    return switch (level) {
      case "verbose" -> OrtLoggingLevel.ORT_LOGGING_LEVEL_VERBOSE;
      case "info" -> OrtLoggingLevel.ORT_LOGGING_LEVEL_INFO;
      case "warning" -> OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING;
      case "error" -> OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
      default -> OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
    };
  }

  /**
   * Loads a model file. Every problem with the file is the caller's input: a missing, unreadable
   * or non-regular file, an empty or corrupt one, or a model that does not take the preprocessing's
   * input shape or lacks a named output.
   *
   * @throws InvalidInputException if the file is not a usable ONNX model for these options (the
   *     message names the file and the reason)
   */
  public static OnnxBackend open(Path file, OnnxOptions options) {
    requireNonNull(file, "file");
    requireNonNull(options, "options");
    RegularFiles.requireRegularFile(file, "an ONNX model");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidInputException("ONNX model file " + file + ": cannot read: " + RegularFiles.reason(e), e);
    }
    try {
      return fromBytes(file.getFileName().toString(), bytes, options);
    } catch (ModelException e) {
      throw new InvalidInputException("ONNX model file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads a model from a classpath resource (e.g. {@code "models/x.onnx"}).
   *
   * @throws ModelException if there is no such resource or it is not a usable model
   */
  public static OnnxBackend fromClasspath(String resource, OnnxOptions options) {
    requireNonNull(resource, "resource");
    return fromBytes(resource.substring(resource.lastIndexOf('/') + 1), readResource(resource), options);
  }

  /**
   * Loads a model from its bytes.
   *
   * @param name the model's name in {@link ModelInfo} and messages
   * @throws ModelException if the bytes are empty or not a usable model
   */
  public static OnnxBackend fromBytes(String name, byte[] model, OnnxOptions options) {
    requireNonNull(name, "name");
    requireNonNull(model, "model");
    requireNonNull(options, "options");
    if (model.length == 0) {
      throw new ModelException("ONNX model '" + name + "' is empty (0 bytes)");
    }
    return new OnnxBackend(name, model, options);
  }

  /**
   * The bytes of a classpath resource, e.g. a model or a dictionary shipped in a jar.
   *
   * @throws ModelException if it is absent or unreadable
   */
  public static byte[] readResource(String resource) {
    ClassLoader loader = OnnxBackend.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ModelException("no classpath resource '" + resource + "' (is the jar that holds the model on the classpath?)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ModelException("cannot read classpath resource '" + resource + "': " + e.getMessage(), e);
    }
  }

  private String checkInput(OrtSession s) throws OrtException {
    if (s.getNumInputs() != 1) {
      throw new ModelException("ONNX model '" + name + "' has " + s.getNumInputs() + " inputs " + s.getInputNames()
          + "; dp4tl feeds models with exactly one image input");
    }
    Map.Entry<String, NodeInfo> in = s.getInputInfo().entrySet().iterator().next();
    if (!(in.getValue().getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
      throw new ModelException("input '" + in.getKey() + "' of ONNX model '" + name + "' is " + in.getValue().getInfo()
          + "; dp4tl feeds a float tensor");
    }
    long[] shape = t.getShape();
    int[] sample = options.preprocessing().inputShape();
    boolean fits = shape.length == sample.length + 1;
    for (int i = 0; fits && i < sample.length; i++) {
      fits = shape[i + 1] < 0 || shape[i + 1] == sample[i];
    }
    if (!fits) {
      throw new ModelException("ONNX model '" + name + "' takes input '" + in.getKey() + "' of shape "
          + Arrays.toString(shape) + " but the preprocessing gives samples of shape " + Arrays.toString(sample)
          + "; set the preprocessing size, channels and layout to match");
    }
    return in.getKey();
  }

  private void checkOutput(OrtSession s, String output, String role) throws OrtException {
    if (output == null) {
      return;
    }
    NodeInfo node = s.getOutputInfo().get(output);
    if (node == null) {
      throw new ModelException("ONNX model '" + name + "' has no output '" + output + "' for " + role
          + "; its outputs are " + s.getOutputNames());
    }
    if (!(node.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
      throw new ModelException("output '" + output + "' of ONNX model '" + name + "' is " + node.getInfo()
          + "; " + role + " must be a float tensor");
    }
  }

  /** Runs one zero sample and returns the per-sample shapes of the two outputs (null if not used). */
  private long[][] probe(String logitsName, String featuresName) throws OrtException {
    long[][] shapes = new long[2][];
    Set<String> wanted = new LinkedHashSet<>();
    if (logitsName != null) {
      wanted.add(logitsName);
    }
    if (featuresName != null) {
      wanted.add(featuresName);
    }
    if (wanted.isEmpty()) {
      throw new ModelException("ONNX model '" + name + "' has " + session.getNumOutputs() + " outputs "
          + session.getOutputNames() + "; name the logits and/or features output in the options");
    }
    int n = staticBatch > 0 ? staticBatch : 1;
    try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[n * elements]), shape(n));
        OrtSession.Result r = session.run(Map.of(inputName, in), wanted)) {
      if (logitsName != null) {
        shapes[0] = sampleShape(r, logitsName);
      }
      if (featuresName != null) {
        shapes[1] = sampleShape(r, featuresName);
      }
    }
    return shapes;
  }

  private long[] sampleShape(OrtSession.Result r, String output) throws OrtException {
    long[] shape = ((TensorInfo) tensor(r, output).getInfo()).getShape();
    return Arrays.copyOfRange(shape, 1, shape.length);
  }

  private static OnnxTensor tensor(OrtSession.Result r, String output) {
    Optional<OnnxValue> v = r.get(output);
    return (OnnxTensor) v.orElseThrow();
  }

  private long[] shape(int batch) {
    int[] sample = options.preprocessing().inputShape();
    long[] s = new long[sample.length + 1];
    s[0] = batch;
    for (int i = 0; i < sample.length; i++) {
      s[i + 1] = sample[i];
    }
    return s;
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  /** The options this backend was opened with. */
  public OnnxOptions options() {
    return options;
  }

  @Override
  public void encode(Image image, float[] dst, int offset) {
    options.preprocessing().encode(image, dst, offset);
  }

  /**
   * @throws ModelException if the model fails on the batch (names the model and the samples), or
   *     the batch asks for an output this model does not give
   * @throws IllegalArgumentException if the batch's input is shorter than its samples need
   * @throws IllegalStateException if closed
   */
  @Override
  public ModelOutput run(Batch batch) {
    lock.readLock().lock();
    try {
      checkState(!closed, "ONNX model '%s' is closed", name);
      return runOpen(batch);
    } finally {
      lock.readLock().unlock();
    }
  }

  private ModelOutput runOpen(Batch batch) {
    int n = batch.size();
    checkArgument(batch.input().length >= (long) n * elements,
        "batch input has %s floats; %s samples need %s", batch.input().length, n, (long) n * elements);
    if (batch.wantLogits() && logits == null) {
      throw new ModelException("ONNX model '" + name + "' gives no logits; name its logits output in the options");
    }
    if (batch.wantFeatures() && features == null) {
      throw new ModelException("ONNX model '" + name + "' gives no features; name its features output in the options");
    }
    float[] logitRows = batch.wantLogits() ? new float[n * logits.width] : null;
    float[] featureRows = batch.wantFeatures() ? new float[n * features.width] : null;
    int chunk = staticBatch > 0 ? staticBatch : options.maxBatch();
    for (int start = 0; start < n; start += chunk) {
      int count = Math.min(chunk, n - start);
      try {
        runPooled(batch, start, count, logitRows, featureRows);
      } catch (OrtException | RuntimeException e) {
        if (e instanceof ModelException m) {
          throw m;
        }
        throw new ModelException("ONNX model '" + name + "' failed on " + count + " samples (indices "
            + SampleIndices.describe(batch.sampleIndices(), start, start + count) + "): " + e.getMessage(), e);
      }
    }
    return new ModelOutput(logitRows, featureRows);
  }

  /** Runs one chunk with an input buffer from the pool (a new one if none is free). */
  private void runPooled(Batch batch, int start, int count, float[] logitRows, float[] featureRows)
      throws OrtException {
    int rows = staticBatch > 0 ? staticBatch : count;
    FloatBuffer buffer = inputBuffers.poll();
    if (buffer == null || buffer.capacity() < rows * elements) {
      buffer = ByteBuffer.allocateDirect(rows * elements * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
    try {
      runChunk(batch, start, count, rows, buffer, logitRows, featureRows);
    } finally {
      inputBuffers.offer(buffer);
    }
  }

  private void runChunk(Batch batch, int start, int count, int rows, FloatBuffer buffer, float[] logitRows,
      float[] featureRows) throws OrtException {
    FloatBuffer in = buffer.clear();
    in.put(batch.input(), start * elements, count * elements);
    while (in.position() < rows * elements) {
      in.put(0f);
    }
    in.flip();
    Set<String> wanted = new LinkedHashSet<>();
    if (logitRows != null) {
      wanted.add(logits.name);
    }
    if (featureRows != null) {
      wanted.add(features.name);
    }
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, in, shape(rows));
        OrtSession.Result r = session.run(Map.of(inputName, tensor), wanted)) {
      if (logitRows != null) {
        logits.reduce(r, start, count, logitRows);
      }
      if (featureRows != null) {
        features.reduce(r, start, count, featureRows);
      }
    }
  }

  /**
   * Releases the session once the runs in progress have finished; idempotent.
   *
   * @throws ModelException if ONNX Runtime fails to release it
   */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        session.close();
      } catch (OrtException e) {
        throw new ModelException("cannot close ONNX model '" + name + "': " + e.getMessage(), e);
      } finally {
        sessionOptions.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static void closeQuietly(OrtSession s, OrtSession.SessionOptions so) {
    try {
      if (s != null) {
        s.close();
      }
    } catch (OrtException suppressed) {
      // the load already failed; that failure is the one reported
    } finally {
      if (so != null) {
        so.close();
      }
    }
  }

  @Override
  public String toString() {
    return "OnnxBackend[" + name + ", logits " + info.logitWidth() + ", features " + info.featureWidth() + "]";
  }

  /** One used output: its name, per-sample shape, reduction and row width. */
  private final class Output {
    final String name;
    final long[] sampleShape;
    final OutputReduction reduction;
    final int width;
    final int sampleValues;

    Output(String name, long[] sampleShape, OutputReduction reduction) {
      this.name = name;
      this.sampleShape = sampleShape;
      this.reduction = reduction;
      try {
        this.width = reduction.width(sampleShape);
      } catch (IllegalArgumentException e) {
        throw new ModelException("output '" + name + "' of ONNX model '" + OnnxBackend.this.name + "': "
            + e.getMessage(), e);
      }
      long values = 1;
      for (long d : sampleShape) {
        values *= d;
      }
      this.sampleValues = (int) values;
    }

    void reduce(OrtSession.Result r, int start, int count, float[] rows) throws OrtException {
      OnnxTensor t = tensor(r, name);
      long[] shape = ((TensorInfo) t.getInfo()).getShape();
      if (shape[0] < count || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), sampleShape)) {
        throw new ModelException("output '" + name + "' of ONNX model '" + OnnxBackend.this.name + "' has shape "
            + Arrays.toString(shape) + ", expected " + count + " samples of shape " + Arrays.toString(sampleShape));
      }
      FloatBuffer values = t.getFloatBuffer();
      for (int i = 0; i < count; i++) {
        reduction.reduce(values, i * sampleValues, sampleShape, rows, (start + i) * width);
      }
    }
  }
}
