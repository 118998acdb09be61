package io.dp4tl.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.Image;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.core.inference.InferencePass;
import io.dp4tl.onnx.OnnxBackend;
import io.dp4tl.onnx.internal.OnnxOptionParser;
import io.dp4tl.spark.internal.CanonicalRows;
import io.dp4tl.spark.internal.ExecutorInference;
import io.dp4tl.spark.internal.ExecutorModels;
import io.dp4tl.spark.internal.FeatureRow;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.dp4tl.core.io.Npy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
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
import scala.Tuple2;

/**
 * Feature Mapping over an image column: features computed in the executors by dp4tl-onnx equal the
 * single-JVM ones, and the selection equals the single-machine one. The model is PaddleOCR's tiny
 * text-direction classifier ([N,3,48,192] -> [N,2] softmax, used as 2-d features), as in
 * dp4tl-onnx's tests.
 */
class SparkImageFeatureMappingTest {
  static final String CLS = "models/ch_ppocr_mobile_v2.0_cls_infer.onnx";
  static final String OUTPUT = "save_infer_model/scale_0.tmp_1";
  private static SparkSession spark;
  private static byte[] model;
  private static List<Image> images;
  private static List<byte[]> png;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start();
    model = OnnxBackend.readResource(CLS);
    images = new ArrayList<>();
    png = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 60; i++) {
      Image image = pattern(random);
      images.add(image);
      png.add(png(image));
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Surrogate options as the CLI's --surrogate-option gives them. */
  static Map<String, String> options(int batch) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("input.size", "192x48");
    o.put("input.channels", "3");
    o.put("input.resize", "bilinear");
    o.put("input.mean", "0.5");
    o.put("input.std", "0.5");
    o.put("features", OUTPUT);
    o.put("batch", Integer.toString(batch));
    return o;
  }

  /** An RGB image of random size: stripes of random colours, a gradient, some noise. */
  static Image pattern(SplittableRandom random) {
    int w = 40 + random.nextInt(120);
    int h = 16 + random.nextInt(40);
    byte[] px = new byte[w * h * 3];
    int stripes = 1 + random.nextInt(8);
    int[] colours = new int[stripes * 3];
    for (int i = 0; i < colours.length; i++) {
      colours[i] = random.nextInt(256);
    }
    boolean vertical = random.nextBoolean();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int s = (vertical ? x * stripes / w : y * stripes / h);
        for (int c = 0; c < 3; c++) {
          int v = colours[3 * s + c] + (x * 40 / w) + random.nextInt(16);
          px[(y * w + x) * 3 + c] = (byte) Math.min(255, v);
        }
      }
    }
    return new Image(w, h, 3, px);
  }

  static byte[] png(Image image) {
    BufferedImage b = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
    byte[] px = image.pixels();
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        int i = (y * image.width() + x) * 3;
        b.setRGB(x, y, (px[i] & 0xff) << 16 | (px[i + 1] & 0xff) << 8 | (px[i + 2] & 0xff));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(b, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The images as dp4tl-core sees them in one JVM. */
  static ImageSet imageSet(List<Image> list) {
    return new ImageSet() {
      @Override
      public int size() {
        return list.size();
      }

      @Override
      public Image image(int index) {
        return list.get(index);
      }

      @Override
      public int label(int index) {
        return 0;
      }

      @Override
      public List<String> classNames() {
        return List.of();
      }

      @Override
      public String fingerprint() {
        return "test images";
      }
    };
  }

  /** Rows (id = index, image = PNG bytes, group) in {@code partitions} partitions. */
  static Dataset<Row> rows(SparkSession spark, List<byte[]> files, int[] groups, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      rows.add(RowFactory.create((long) i, files.get(i), groups == null ? 0 : groups[i]));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType).add("image", DataTypes.BinaryType)
        .add("group", DataTypes.IntegerType);
    return spark.createDataFrame(rows, schema).repartition(partitions);
  }

  /** dp4tl-onnx's features in this JVM, through dp4tl-core's inference pass. */
  static float[] localFeatures(List<Image> list, int batch) {
    try (OnnxBackend backend = OnnxBackend.fromBytes("cls", model, OnnxOptionParser.parse(options(batch)))) {
      FloatMatrix features = new InferencePass(backend, imageSet(list), "source", false, true, batch)
          .run(RunControl.none()).features().orElseThrow();
      float[] out = new float[features.rows() * features.cols()];
      features.copyRows(0, features.rows(), out, 0);
      return out;
    }
  }

  @Test
  void featuresComputedInTheExecutorsEqualTheSingleJvmOnesAndOneSessionServesTheJvm() {
    float[] expected = localFeatures(images, 1);
    Map<String, String> options = options(1);
    options.put("input.pad", "0"); // another options map: a session of its own, counted below
    int before = ExecutorModels.open();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    ExecutorInference inference = new ExecutorInference(sc.broadcast(model), "cls", "sha-of-cls", options, "image",
        null, 2);
    try (CanonicalRows canonical = CanonicalRows.ofImages(rows(spark, png, null, 4), "id", "image", null, inference,
        3, 2, true)) {
      List<Tuple2<Long, FeatureRow>> computed = canonical.rows().collect();
      assertThat(computed).hasSize(images.size());
      for (Tuple2<Long, FeatureRow> row : computed) {
        int i = (int) (long) row._1();
        assertThat(row._2().values()).as("row %s", i).containsExactly(expected[2 * i], expected[2 * i + 1]);
      }
    }
    // Four partitions, two task threads: one session in this (executor) JVM.
    assertThat(ExecutorModels.open()).isEqualTo(before + 1);
    // The model really looks at the images.
    assertThat(expected[0]).isNotEqualTo(expected[2]);
  }

  @Test
  void featureMappingWithGivenGroupsEqualsTheSingleMachineSelection() {
    int n = images.size();
    int[] groups = new int[n];
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < n; i++) {
      groups[i] = random.nextInt(6);
    }
    List<Image> targetImages = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      targetImages.add(pattern(random));
    }
    FloatMatrix target = FloatMatrix.of(localFeatures(targetImages, 3), targetImages.size(), 2);
    Selection local;
    try (OnnxBackend backend = OnnxBackend.fromBytes("cls", model, OnnxOptionParser.parse(options(3)))) {
      local = Pruner.forTarget(TargetData.ofFeatures(target)).featureMapping().surrogate(backend).threads(1)
          .keep(3).prune(SourceData.builder().images(imageSet(images)).groups(groups).build());
    }
    SparkSurrogate surrogate = SparkSurrogate.onnx("cls.onnx", model, options(3));
    for (int partitions : new int[] {1, 3}) {
      try (SparkSelection s = SparkPruner.forTarget(TargetData.ofFeatures(target)).featureMapping().keep(3)
          .surrogate(surrogate).blocks(4)
          .prune(SparkSource.ofImages(rows(spark, png, groups, partitions), "id", "image").withGroups("group"))) {
        assertThat(s.selection().histogram()).isEqualTo(local.histogram());
        assertThat(s.selection().keptGroups()).isEqualTo(local.keptGroups());
        assertThat(s.selection().ranking()).isEqualTo(local.ranking());
        assertThat(s.selection().details().get("targetAssignment"))
            .isEqualTo(local.details().get("targetAssignment"));
        assertThat(LocalSpark.keptIds(s)).isEqualTo(local.keptSamples());
        assertThat(s.selection().provenance().fingerprints().get("model"))
            .isEqualTo(local.provenance().fingerprints().get("model"));
        assertThat(s.selection().provenance().engine()).startsWith("onnxruntime ");
        assertThat(s.selection().provenance().timingsMillis()).containsKeys("inference", "checks", "clustering");
      }
    }
  }

  @Test
  void kMeansOverAnImageColumnGivesTheSameSelectionWithOneAndThreePartitions() {
    SparkSurrogate surrogate = SparkSurrogate.onnx("cls.onnx", model, options(4));
    FloatMatrix target = FloatMatrix.of(localFeatures(images.subList(0, 10), 4), 10, 2);
    Selection first = null;
    for (int partitions : new int[] {1, 3}) {
      try (SparkSelection s = SparkPruner.forTarget(TargetData.ofFeatures(target)).featureMapping().clusters(4)
          .seed(3).ratio(0.5).surrogate(surrogate).blocks(4)
          .prune(SparkSource.ofImages(rows(spark, png, null, partitions), "id", "image"))) {
        if (first == null) {
          first = s.selection();
        } else {
          assertThat(s.selection().histogram()).isEqualTo(first.histogram());
          assertThat(s.selection().keptGroups()).isEqualTo(first.keptGroups());
          assertThat(s.selection().details().get("kmeans.inertia")).isEqualTo(first.details().get("kmeans.inertia"));
        }
      }
    }
  }

  @Test
  void aCorruptOrMissingImageFailsTheJobNamingTheRow() {
    List<byte[]> files = new ArrayList<>(png);
    byte[] truncated = java.util.Arrays.copyOf(png.get(7), 40);
    files.set(7, truncated);
    FloatMatrix target = FloatMatrix.of(new float[] {0.5f, 0.5f}, 1, 2);
    SparkSurrogate surrogate = SparkSurrogate.onnx("cls.onnx", model, options(4));
    assertThatThrownBy(() -> SparkPruner.forTarget(TargetData.ofFeatures(target)).featureMapping().clusters(2)
        .keep(1).surrogate(surrogate).prune(SparkSource.ofImages(rows(spark, files, null, 2), "id", "image")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("source row id=7")
        .hasMessageContaining("column 'image'");
    files.set(7, "not an image at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> SparkPruner.forTarget(TargetData.ofFeatures(target)).featureMapping().clusters(2)
        .keep(1).surrogate(surrogate).prune(SparkSource.ofImages(rows(spark, files, null, 2), "id", "image")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("source row id=7")
        .hasMessageContaining("not an image");
    files.set(7, null);
    assertThatThrownBy(() -> SparkPruner.forTarget(TargetData.ofFeatures(target)).featureMapping().clusters(2)
        .keep(1).surrogate(surrogate).prune(SparkSource.ofImages(rows(spark, files, null, 2), "id", "image")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("source row id=7 has no image (null)");
  }

  @Test
  void aWrongModelOrMissingSurrogateIsRefusedBeforeAnyJob() {
    FloatMatrix target = FloatMatrix.of(new float[] {0.5f, 0.5f}, 1, 2);
    Dataset<Row> rows = rows(spark, png, null, 2);
    SparkSurrogate garbage = SparkSurrogate.onnx("garbage.onnx", "this is not a model".getBytes(), options(4));
    assertThatThrownBy(() -> SparkPruner.forTarget(TargetData.ofFeatures(target)).featureMapping().clusters(2)
        .keep(1).surrogate(garbage).prune(SparkSource.ofImages(rows, "id", "image")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("garbage.onnx");
    Map<String, String> logitsOnly = options(4);
    logitsOnly.remove("features");
    assertThatThrownBy(() -> SparkPruner.forTarget(TargetData.ofFeatures(target)).featureMapping().clusters(2)
        .keep(1).surrogate(SparkSurrogate.onnx("cls.onnx", model, logitsOnly))
        .prune(SparkSource.ofImages(rows, "id", "image")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("gives no features");
    FloatMatrix wide = FloatMatrix.of(new float[3], 1, 3);
    assertThatThrownBy(() -> SparkPruner.forTarget(TargetData.ofFeatures(wide)).featureMapping().clusters(2)
        .keep(1).surrogate(SparkSurrogate.onnx("cls.onnx", model, options(4)))
        .prune(SparkSource.ofImages(rows, "id", "image")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("2-d features")
        .hasMessageContaining("3-d");
    assertThatThrownBy(() -> SparkPruner.forTarget(TargetData.ofFeatures(target)).featureMapping().clusters(2)
        .keep(1).prune(SparkSource.ofImages(rows, "id", "image")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("needs a surrogate");
    assertThatThrownBy(() -> SparkPruner.forTarget(TargetData.ofFeatures(target)).featureMapping().clusters(2)
        .keep(1).surrogate(SparkSurrogate.onnx("cls.onnx", model, options(4)))
        .prune(SparkSource.ofImages(rows, "id", "group")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be binary");
    Map<String, String> threads = options(4);
    threads.put("threads", "4");
    assertThatThrownBy(() -> SparkSurrogate.onnx("cls.onnx", model, threads))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("spark.task.cpus");
    assertThatThrownBy(() -> SparkSurrogate.onnx("cls.onnx", model, Map.of("input.size", "192x48", "colour", "red")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown onnx option 'colour'");
  }

  @Test
  void theJobRunsTheSurrogateOverAnImageColumn(@TempDir Path tmp) throws Exception {
    int n = images.size();
    int[] groups = new int[n];
    for (int i = 0; i < n; i++) {
      groups[i] = i % 5;
    }
    Path parquet = tmp.resolve("s.parquet");
    rows(spark, png, groups, 2).write().parquet(parquet.toString());
    Path modelFile = Files.write(tmp.resolve("cls.onnx"), model);
    FloatMatrix target = FloatMatrix.of(localFeatures(images.subList(0, 12), 4), 12, 2);
    float[] t = new float[24];
    target.copyRows(0, 12, t, 0);
    Path targetFile = tmp.resolve("t.npy");
    Npy.writeFloat32(targetFile, t, 12, 2);
    Path out = tmp.resolve("out");
    List<String> args = new ArrayList<>(List.of("--method", "fm", "--source", parquet.toString(), "--id-col", "id",
        "--image-col", "image", "--surrogate", modelFile.toString(), "--target-features", targetFile.toString(),
        "--source-groups-col", "group", "--keep", "2", "--out", out.toString()));
    options(4).forEach((k, v) -> {
      args.add("--surrogate-option");
      args.add(k + "=" + v);
    });
    StringWriter err = new StringWriter();
    assertThat(SelectJob.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err)))
        .as(err.toString()).isZero();
    Selection local;
    try (OnnxBackend backend = OnnxBackend.fromBytes("cls", model, OnnxOptionParser.parse(options(4)))) {
      local = Pruner.forTarget(TargetData.ofFeatures(target)).featureMapping().surrogate(backend).threads(1)
          .keep(2).prune(SourceData.builder().images(imageSet(images)).groups(groups).build());
    }
    assertThat(LocalSpark.ids(spark, out.resolve("kept"))).isEqualTo(local.keptSamples());
    assertThat(Files.readString(out.resolve("selection.json"))).contains(local.provenance().fingerprints().get("model"));

    Path other = tmp.resolve("other");
    args.set(args.indexOf(out.toString()), other.toString());
    args.set(args.indexOf(modelFile.toString()), tmp.resolve("missing.onnx").toString());
    err = new StringWriter();
    assertThat(SelectJob.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err)))
        .isEqualTo(2);
    assertThat(err.toString().strip()).contains("missing.onnx").doesNotContain("\n");
    assertThat(other).doesNotExist();
  }
}
