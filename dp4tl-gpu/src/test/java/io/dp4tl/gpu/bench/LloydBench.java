package io.dp4tl.gpu.bench;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Accelerator;
import io.dp4tl.api.spi.Accelerator.KMeansResult;
import io.dp4tl.api.spi.Registry;
import io.dp4tl.core.io.Npy;
import io.dp4tl.gpu.CudaAccelerator;
import io.dp4tl.gpu.CudaOptions;
import io.dp4tl.gpu.internal.compute.CentroidOps;
import io.dp4tl.gpu.internal.compute.DeviceScope;
import io.dp4tl.gpu.internal.compute.Gpu;
import io.dp4tl.gpu.internal.cuda.Cublas;
import io.dp4tl.gpu.internal.cuda.CudaUnavailableException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Benchmark of the CUDA accelerator (run by {@code dp4tl-gpu/bench/gpu-check.sh} on a GPU
 * machine, never by {@code mvn test}). Writes a clustered float32 data set and initial centroids as
 * .npy (so that {@code torch_lloyd.py} runs on the same input), then measures, printing
 * {@code RESULT name value} lines:
 *
 * <ul>
 *   <li>Lloyd time per iteration on the GPU: (time of N iterations - time of 1) / (N - 1), which
 *       leaves out the upload and the first assignment, as the PyTorch script does;
 *   <li>the distance GEMM alone (the same cuBLAS calls and shapes as one pass) against a large
 *       square SGEMM on the same device (the achievable cuBLAS FP32 peak), in TFLOP/s;
 *   <li>the CPU accelerator against the GPU on the first {@code --cpu-rows} rows.
 * </ul>
 *
 * <p>Usage: {@code LloydBench DIR [n d k iterations cpuRows cpuIterations]}.
 */
public final class LloydBench {
  private LloydBench() {}

  public static void main(String[] args) throws IOException, CudaUnavailableException {
    Path dir = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_281_167;
    int d = args.length > 2 ? Integer.parseInt(args[2]) : 512;
    int k = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
    int iterations = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    int cpuRows = args.length > 5 ? Integer.parseInt(args[5]) : 100_000;
    int cpuIterations = args.length > 6 ? Integer.parseInt(args[6]) : 3;
    int threads = Runtime.getRuntime().availableProcessors();

    CudaAccelerator cuda = new CudaAccelerator(CudaOptions.fromEnvironment());
    if (!cuda.available()) {
      System.err.println("no CUDA device: " + cuda.unavailableReason().orElse(""));
      System.exit(2);
    }
    result("device", '"' + cuda.deviceDescription().orElseThrow() + '"');
    Files.createDirectories(dir);
    Path data = dir.resolve("x.npy");
    Path init = dir.resolve("init.npy");
    long start = System.nanoTime();
    writeData(data, n, d, k, 20240607L);
    FloatMatrix x = Npy.read(data).asFloatMatrix("benchmark rows");
    float[] initial = new float[k * d];
    long stride = n / k;
    for (int j = 0; j < k; j++) {
      x.copyRows((int) (j * stride), 1, initial, j * d);
    }
    Npy.writeFloat32(init, initial, k, d);
    result("data_seconds", seconds(System.nanoTime() - start));

    cuda.lloyd(x, initial, k, 1, 0, threads, RunControl.none());
    long t1 = timed(() -> cuda.lloyd(x, initial, k, 1, 0, threads, RunControl.none()));
    KMeansResult[] last = new KMeansResult[1];
    long tn = timed(() -> last[0] = cuda.lloyd(x, initial, k, iterations, 0, threads, RunControl.none()));
    result("gpu_iterations_run", last[0].iterations());
    result("gpu_inertia", last[0].inertia());
    result("gpu_call_seconds", seconds(tn));
    double perIteration = seconds(tn - t1) / Math.max(1, last[0].iterations() - 1);
    result("gpu_ms_per_iteration", perIteration * 1e3);

    gemm(n, d, k, perIteration);
    cpuVersusGpu(cuda, x, d, k, Math.min(cpuRows, n), cpuIterations, threads);
  }

  private static void gemm(int n, int d, int k, double perIteration) throws CudaUnavailableException {
    try (Gpu gpu = Gpu.open(CudaOptions.fromEnvironment())) {
      gpu.makeCurrent();
      int rows = CentroidOps.chunkRows(n, d, k);
      int chunks = (n + rows - 1) / rows;
      int square = 8192;
      try (DeviceScope scope = new DeviceScope(gpu)) {
        long x = scope.alloc((long) rows * d * Float.BYTES);
        long c = scope.alloc((long) k * d * Float.BYTES);
        long dots = scope.alloc((long) rows * k * Float.BYTES);
        scope.upload(noise(rows * d), x, gpu.stream(0));
        scope.upload(noise(k * d), c, gpu.stream(0));
        Runnable pass = () -> {
          for (int chunk = 0; chunk < chunks; chunk++) {
            int r = Math.min(rows, n - chunk * rows);
            gpu.cublas().sgemm(gpu.blas(chunk & 1), Cublas.OP_T, Cublas.OP_N, k, r, d, 1f, c, d, x, d, 0f, dots, k);
          }
          gpu.synchronize();
        };
        pass.run();
        int reps = 5;
        long passTime = timed(() -> {
          for (int i = 0; i < reps; i++) {
            pass.run();
          }
        }) / reps;
        double gemmFlops = 2.0 * n * k * d / seconds(passTime);

        long a = scope.alloc((long) square * square * Float.BYTES);
        long b = scope.alloc((long) square * square * Float.BYTES);
        long out = scope.alloc((long) square * square * Float.BYTES);
        scope.upload(noise(square * square), a, gpu.stream(0));
        scope.upload(noise(square * square), b, gpu.stream(0));
        Runnable big = () -> {
          gpu.cublas().sgemm(gpu.blas(0), Cublas.OP_N, Cublas.OP_N, square, square, square, 1f, a, square, b, square,
              0f, out, square);
          gpu.synchronize();
        };
        big.run();
        long bigTime = timed(() -> {
          for (int i = 0; i < reps; i++) {
            big.run();
          }
        }) / reps;
        double peak = 2.0 * square * square * square / seconds(bigTime);
        result("gemm_ms_per_pass", seconds(passTime) * 1e3);
        result("gemm_tflops", gemmFlops / 1e12);
        result("cublas_peak_tflops", peak / 1e12);
        result("gemm_share_of_iteration", seconds(passTime) / perIteration);
      }
    }
  }

  private static void cpuVersusGpu(CudaAccelerator cuda, FloatMatrix x, int d, int k, int rows, int iterations,
      int threads) {
    if (!Registry.accelerators().names().contains("cpu")) {
      result("cpu", "\"cpu accelerator (dp4tl-core) not on the class path\"");
      return;
    }
    Accelerator cpu = Registry.accelerators().find("cpu");
    FloatMatrix subset = new FloatMatrix() {
      @Override
      public int rows() {
        return rows;
      }

      @Override
      public int cols() {
        return d;
      }

      @Override
      public void copyRows(int first, int count, float[] dst, int offset) {
        java.util.Objects.checkFromIndexSize(first, count, rows);
        x.copyRows(first, count, dst, offset);
      }
    };
    float[] initial = new float[k * d];
    for (int j = 0; j < k; j++) {
      subset.copyRows(j * (rows / k), 1, initial, j * d);
    }
    KMeansResult[] results = new KMeansResult[2];
    long cpuTime = timed(() -> results[0] = cpu.lloyd(subset, initial, k, iterations, 0, threads, RunControl.none()));
    cuda.lloyd(subset, initial, k, 1, 0, threads, RunControl.none());
    long gpuTime = timed(() -> results[1] = cuda.lloyd(subset, initial, k, iterations, 0, threads, RunControl.none()));
    int same = 0;
    for (int i = 0; i < rows; i++) {
      same += results[0].assignment()[i] == results[1].assignment()[i] ? 1 : 0;
    }
    result("cpu_rows", rows);
    result("cpu_iterations", results[0].iterations() + "/" + results[1].iterations());
    result("cpu_seconds", seconds(cpuTime));
    result("cpu_gpu_seconds", seconds(gpuTime));
    result("cpu_over_gpu", (double) cpuTime / gpuTime);
    result("cpu_gpu_inertia_rel_diff", Math.abs(results[0].inertia() - results[1].inertia()) / results[0].inertia());
    result("cpu_gpu_same_assignment", (double) same / rows);
  }

  /**
   * Writes n x d float32 rows around k well-spread centres (row i near centre (i * 7919) % k),
   * with noise, as a little-endian .npy file, in parallel blocks.
   */
  private static void writeData(Path file, int n, int d, int k, long seed) throws IOException {
    float[] centres = new float[k * d];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < centres.length; i++) {
      centres[i] = (float) (random.nextGaussian() * 4.0);
    }
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + d + "), }";
    int headerLength = 10 + dict.length() + 1;
    int pad = (64 - headerLength % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    int block = 8192;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      ByteBuffer preamble = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
      preamble.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
          .putShort((short) header.length());
      out.write(preamble.array());
      out.write(header.getBytes(StandardCharsets.US_ASCII));
      for (int first = 0; first < n; first += block * 16) {
        int from = first;
        byte[][] parts = IntStream.range(0, 16).parallel().mapToObj(p -> {
          int lo = from + p * block;
          int hi = Math.min(n, lo + block);
          ByteBuffer bytes = ByteBuffer.allocate(Math.max(0, hi - lo) * d * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
          for (int row = lo; row < hi; row++) {
            SplittableRandom noise = new SplittableRandom(seed ^ (row * 0x9E3779B97F4A7C15L));
            int centre = (int) ((long) row * 7919 % k);
            for (int c = 0; c < d; c++) {
              bytes.putFloat((float) (centres[centre * d + c] + noise.nextGaussian()));
            }
          }
          return bytes.array();
        }).toArray(byte[][]::new);
        for (byte[] part : parts) {
          out.write(part);
        }
      }
    }
  }

  private static float[] noise(int count) {
    SplittableRandom random = new SplittableRandom(count);
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  private static long timed(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return System.nanoTime() - start;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void result(String name, Object value) {
    System.out.println("RESULT " + name + " " + (value instanceof Double v ? String.format(Locale.ROOT, "%.6g", v) : value));
  }
}
