package io.dp4tl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.TargetData;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.launcher.JavaModuleOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark standalone master and two workers in separate JVMs on localhost (loopback only), started
 * from the Maven artifacts alone: the Spark jars this build resolved, linked into the {@code jars/}
 * of a throwaway SPARK_HOME (a worker builds its executors' class path from there). Executors in
 * other JVMs catch what local mode hides: serialisation of closures and rows, executor-side
 * classes, executor-side model loading. Feature Mapping with dp4tl's k-means, over a features
 * column and over an image column run through an ONNX surrogate in the executors, gives there what
 * it gives in local mode.
 */
class StandaloneClusterIT {
  @TempDir static Path home;
  private static final List<Process> DAEMONS = new ArrayList<>();
  private static String master;
  private static String executorClassPath;

  @BeforeAll
  static void startCluster() throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = Arrays.asList(classPath.split(File.pathSeparator));
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String entry : entries) {
      Path p = Path.of(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(p) && !Files.exists(jars.resolve(p.getFileName()))) {
        Files.createSymbolicLink(jars.resolve(p.getFileName()), p);
      }
    }
    // dp4tl's own classes (directories in a reactor build) reach the executors as their extra class path.
    executorClassPath = entries.stream().filter(e -> !e.endsWith(".jar"))
        .collect(Collectors.joining(File.pathSeparator));
    int port = freePort();
    master = "spark://127.0.0.1:" + port;
    Path masterLog = home.resolve("master.log");
    DAEMONS.add(daemon(masterLog, classPath, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
        Integer.toString(port), "--webui-port", Integer.toString(freePort())));
    for (int w = 0; w < 2; w++) {
      Path work = Files.createDirectories(home.resolve("work" + w));
      DAEMONS.add(daemon(home.resolve("worker" + w + ".log"), classPath, "org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--work-dir", work.toString(), "--webui-port", "0",
          master));
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (registered(masterLog) < 2) {
      assertThat(System.nanoTime()).as("two workers registered with the master (see %s)", masterLog)
          .isLessThan(deadline);
      assertThat(DAEMONS).allMatch(Process::isAlive);
      Thread.sleep(500);
    }
  }

  @AfterAll
  static void stopCluster() {
    for (Process p : DAEMONS) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
  }

  @Test
  void featureMappingOnTwoExecutorJvmsEqualsLocalMode() {
    int n = 400;
    int d = 4;
    SplittableRandom random = new SplittableRandom(1);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] f = new float[d];
      for (int j = 0; j < d; j++) {
        f[j] = (float) random.nextGaussian();
      }
      rows.add(RowFactory.create((long) i, f));
    }
    float[] t = new float[10 * d];
    for (int i = 0; i < t.length; i++) {
      t[i] = (float) random.nextGaussian();
    }
    TargetData target = TargetData.ofFeatures(FloatMatrix.of(t, 10, d));
    Object[] cluster = run(SparkSession.builder().master(master).config("spark.executor.extraClassPath",
        executorClassPath).config("spark.executor.memory", "512m"), rows, target);
    Object[] local = run(SparkSession.builder().master("local[2]"), rows, target);
    assertThat((int) cluster[3]).as("executors besides the driver").isEqualTo(2);
    assertThat((int[]) cluster[0]).isEqualTo((int[]) local[0]);
    assertThat(cluster[1]).isEqualTo(local[1]);
    assertThat((int[]) cluster[2]).isEqualTo((int[]) local[2]);
  }

  @Test
  void imageFeatureMappingLoadsTheModelInEachExecutorJvmAndEqualsLocalMode() {
    byte[] model = io.dp4tl.onnx.OnnxBackend.readResource(SparkImageFeatureMappingTest.CLS);
    SplittableRandom random = new SplittableRandom(2);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      byte[] png = SparkImageFeatureMappingTest.png(SparkImageFeatureMappingTest.pattern(random));
      rows.add(RowFactory.create((long) i, png));
    }
    float[] t = new float[8 * 2];
    for (int i = 0; i < 8; i++) {
      t[2 * i] = (float) random.nextDouble();
      t[2 * i + 1] = 1 - t[2 * i];
    }
    TargetData target = TargetData.ofFeatures(FloatMatrix.of(t, 8, 2));
    SparkSurrogate surrogate = SparkSurrogate.onnx("cls.onnx", model, SparkImageFeatureMappingTest.options(4));
    Object[] cluster = runImages(SparkSession.builder().master(master).config("spark.executor.extraClassPath",
        executorClassPath).config("spark.executor.memory", "512m"), rows, target, surrogate);
    Object[] local = runImages(SparkSession.builder().master("local[2]"), rows, target, surrogate);
    assertThat((int[]) cluster[0]).isEqualTo((int[]) local[0]);
    assertThat(cluster[1]).isEqualTo(local[1]);
    assertThat((int[]) cluster[2]).isEqualTo((int[]) local[2]);
    // Every executor JVM (not the driver) holds at most one ONNX Runtime session, and some hold one.
    @SuppressWarnings("unchecked")
    List<String> sessions = (List<String>) cluster[3];
    long driver = ProcessHandle.current().pid();
    assertThat(sessions).noneMatch(s -> s.startsWith(driver + ":"))
        .allMatch(s -> s.endsWith(":0") || s.endsWith(":1")).anyMatch(s -> s.endsWith(":1"));
  }

  /** Kept groups, k-means inertia, kept ids, and "pid:open sessions" of the JVMs that ran a probe task. */
  private static Object[] runImages(SparkSession.Builder builder, List<Row> rows, TargetData target,
      SparkSurrogate surrogate) {
    SparkSession spark = builder.appName("dp4tl standalone check").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    try {
      Dataset<Row> df = spark.createDataFrame(rows, new StructType().add("id", DataTypes.LongType)
          .add("image", DataTypes.BinaryType)).repartition(4);
      try (SparkSelection s = SparkPruner.forTarget(target).featureMapping().clusters(3).seed(5).ratio(0.4)
          .surrogate(surrogate).blocks(4).prune(SparkSource.ofImages(df, "id", "image"))) {
        List<String> sessions = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(List.of(0, 1, 2, 3, 4, 5, 6, 7), 8)
            .map(i -> ProcessHandle.current().pid() + ":" + io.dp4tl.spark.internal.ExecutorModels.open())
            .collect().stream().distinct().toList();
        return new Object[] {s.selection().keptGroups(), s.selection().details().get("kmeans.inertia"),
            LocalSpark.keptIds(s), sessions};
      }
    } finally {
      spark.stop();
    }
  }

  /** Kept groups, k-means inertia, kept ids and the number of executors. */
  private static Object[] run(SparkSession.Builder builder, List<Row> rows, TargetData target) {
    SparkSession spark = builder.appName("dp4tl standalone check").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    try {
      Dataset<Row> df = spark.createDataFrame(rows, new StructType().add("id", DataTypes.LongType)
          .add("features", DataTypes.createArrayType(DataTypes.FloatType))).repartition(3);
      try (SparkSelection s = SparkPruner.forTarget(target).featureMapping().clusters(5).seed(3).ratio(0.4)
          .prune(SparkSource.ofFeatures(df, "id", "features"))) {
        int executors = spark.sparkContext().statusTracker().getExecutorInfos().length - 1;
        return new Object[] {s.selection().keptGroups(), s.selection().details().get("kmeans.inertia"),
            LocalSpark.keptIds(s), executors};
      }
    } finally {
      spark.stop();
    }
  }

  private static Process daemon(Path log, String classPath, String main, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
    command.addAll(List.of("-Xmx512m", "-cp", classPath, main));
    command.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return pb.start();
  }

  private static long registered(Path masterLog) throws IOException {
    if (!Files.exists(masterLog)) {
      return 0;
    }
    return Files.readAllLines(masterLog).stream().filter(l -> l.contains("Registering worker")).count();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
