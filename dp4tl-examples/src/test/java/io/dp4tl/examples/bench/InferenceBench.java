package io.dp4tl.examples.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Batch;
import io.dp4tl.core.dataset.ImageSets;
import io.dp4tl.core.image.Polarity;
import io.dp4tl.core.image.Preprocessing;
import io.dp4tl.core.image.ResizeMethod;
import io.dp4tl.core.inference.InferencePass;
import io.dp4tl.examples.glyph.FontCatalog;
import io.dp4tl.examples.glyph.FontPackages;
import io.dp4tl.examples.glyph.GlyphClassSet;
import io.dp4tl.examples.glyph.GlyphSource;
import io.dp4tl.examples.glyph.GlyphSourceOptions;
import io.dp4tl.examples.surrogate.PpOcrSurrogate;
import io.dp4tl.onnx.OnnxBackend;
import io.dp4tl.onnx.OnnxOptions;
import io.dp4tl.onnx.internal.OnnxGraphOutputs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Surrogate inference throughput: the full dp4tl pipeline ({@link InferencePass}: decode and
 * encode on a producer thread, {@link OnnxBackend#run} with output reduction on the calling
 * thread) against bare {@code OrtSession.run} on the same batches built beforehand, with the same
 * ORT settings (intra-op threads, no spinning) and the same requested output; in between,
 * {@link OnnxBackend#run} alone on the pre-encoded batches (tensor creation, output copy and
 * reduction, without decoding and encoding). Prints images/s for each and the overheads, and the
 * CPU time of the thread that runs the model (ORT with one intra-op thread runs on the calling
 * thread), which other processes on a shared machine disturb far less than wall time. Not a test: run {@code scripts/bench-inference.sh}.
 *
 * <p>Arguments: {@code [images] [batch] [ortThreads] [repeats]} (default 2048 64 1 3).
 */
public final class InferenceBench {
  private InferenceBench() {}

  public static void main(String[] args) throws Exception {
    int images = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    GlyphSource glyphs = GlyphSource.build(FontCatalog.ofPackages(FontPackages.DEJAVU),
        GlyphSourceOptions.builder(GlyphClassSet.LATIN_ALNUM).samplesPerClass((images + 61) / 62).seed(3).build());
    int[] idx = new int[images];
    Arrays.setAll(idx, i -> i);
    ImageSet set = ImageSets.subset(glyphs, idx);
    System.out.printf("dp4tl inference benchmark: %d glyph images 32x32, batch %d, ORT intra-op threads %d, "
        + "no spinning, %d cores, best of %d%n", images, batch, threads, Runtime.getRuntime().availableProcessors(), repeats);

    try (OnnxBackend rec = PpOcrSurrogate.open(glyphs.classNames(), Polarity.WHITE_ON_BLACK, threads)) {
      byte[] model = OnnxGraphOutputs.addFloatOutputs("rec", readResource(PpOcrSurrogate.RECOGNISER),
          List.of(PpOcrSurrogate.FEATURE_TENSOR));
      compare("PP-OCRv4 rec 48x48 -> 62 classes", rec, model, PpOcrSurrogate.LOGITS_OUTPUT, set, batch, repeats);
    }
    Preprocessing clsInput = Preprocessing.builder().size(192, 48).channels(3).resize(ResizeMethod.BILINEAR).invert(true)
        .normalize(1 / 255f, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f}).build();
    String clsModel = "models/ch_ppocr_mobile_v2.0_cls_infer.onnx";
    try (OnnxBackend cls = OnnxBackend.fromClasspath(clsModel,
        OnnxOptions.builder(clsInput).intraOpThreads(threads).maxBatch(batch).build())) {
      compare("ppocr cls CNN 192x48 -> 2", cls, readResource(clsModel), "save_infer_model/scale_0.tmp_1", set, batch,
          repeats);
    }
  }

  /** Times the three variants on the same images; {@code model} is what the backend loaded. */
  private static void compare(String name, OnnxBackend backend, byte[] model, String output, ImageSet set, int batch,
      int repeats) throws OrtException {
    int n = set.size();
    int e = backend.info().inputElements();
    int[] shape = backend.info().inputShape();
    List<OnnxTensor> batches = new ArrayList<>();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    for (int start = 0; start < n; start += batch) {
      int count = Math.min(batch, n - start);
      FloatBuffer buf = ByteBuffer.allocateDirect(count * e * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
      float[] tmp = new float[e];
      for (int i = 0; i < count; i++) {
        backend.encode(set.image(start + i), tmp, 0);
        buf.put(tmp);
      }
      buf.flip();
      batches.add(OnnxTensor.createTensor(env, buf, new long[] {count, shape[0], shape[1], shape[2]}));
    }
    List<float[]> encoded = new ArrayList<>();
    for (OnnxTensor t : batches) {
      FloatBuffer b = t.getFloatBuffer();
      float[] a = new float[b.remaining()];
      b.get(a);
      encoded.add(a);
    }
    double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] bestCpu = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
      so.setIntraOpNumThreads(backend.options().intraOpThreads());
      so.setInterOpNumThreads(1);
      so.addConfigEntry("session.intra_op.allow_spinning", "0");
      so.addConfigEntry("session.inter_op.allow_spinning", "0");
      try (OrtSession session = env.createSession(model, so)) {
        String input = session.getInputNames().iterator().next();
        bare(session, input, output, batches.subList(0, 1));
        new InferencePass(backend, ImageSets.subset(set, new int[] {0, 1}), "warm-up", true,
            false, batch).run(RunControl.none());
        for (int r = 0; r < repeats; r++) {
          for (int k = 0; k < 3; k++) {
            int which = (r + k) % 3; // rotate the order so that no variant always runs first
            long t0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            if (which == 0) {
              bare(session, input, output, batches);
            } else if (which == 1) {
              for (float[] in : encoded) {
                int[] ids = new int[in.length / e];
                Arrays.setAll(ids, i -> i);
                backend.run(new Batch(ids, in, true, false));
              }
            } else {
              new InferencePass(backend, set, "bench", true, false, batch).run(RunControl.none());
            }
            best[which] = Math.min(best[which], (System.nanoTime() - t0) / 1e9);
            bestCpu[which] = Math.min(bestCpu[which], (cpu.getCurrentThreadCpuTime() - c0) / 1e9);
          }
        }
      }
    } finally {
      batches.forEach(OnnxTensor::close);
    }
    System.out.printf("%s%n  wall: bare OrtSession.run %7.1f img/s | OnnxBackend.run %7.1f img/s (%+5.1f%%) | dp4tl"
        + " pipeline %7.1f img/s (overhead %+5.1f%%)%n", name, n / best[0], n / best[1],
        100 * (best[1] - best[0]) / best[0], n / best[2], 100 * (best[2] - best[0]) / best[0]);
    System.out.printf("  model-thread CPU: bare %6.3f ms/img | OnnxBackend.run %6.3f ms/img (%+5.1f%%) | pipeline %6.3f"
        + " ms/img (%+5.1f%%)%n", 1e3 * bestCpu[0] / n, 1e3 * bestCpu[1] / n, 100 * (bestCpu[1] - bestCpu[0]) / bestCpu[0],
        1e3 * bestCpu[2] / n, 100 * (bestCpu[2] - bestCpu[0]) / bestCpu[0]);
  }

  private static void bare(OrtSession session, String input, String output, List<OnnxTensor> batches)
      throws OrtException {
    for (OnnxTensor t : batches) {
      try (OrtSession.Result r = session.run(Map.of(input, t), Set.of(output))) {
        if (r.size() != 1) {
          throw new IllegalStateException("expected one output");
        }
      }
    }
  }

  private static byte[] readResource(String name) {
    try (var in = InferenceBench.class.getClassLoader().getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
