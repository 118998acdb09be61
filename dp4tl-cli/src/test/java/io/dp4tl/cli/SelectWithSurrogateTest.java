package io.dp4tl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code select --surrogate}: a real ONNX model (PaddleOCR's tiny text-direction classifier, 2
 * outputs) scores real image folders, so the source has 2 classes.
 */
class SelectWithSurrogateTest {
  @TempDir Path tmp;
  private Path model;
  private Path source;
  private Path target;

  private static void png(Path file, int seed) throws Exception {
    BufferedImage img = new BufferedImage(96, 32, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 96, 32);
    g.setColor(Color.BLACK);
    g.drawString("text " + seed, 4 + seed % 7, 20);
    g.dispose();
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
  }

  @BeforeEach
  void files() throws Exception {
    model = tmp.resolve("cls.onnx");
    try (InputStream in = getClass().getResourceAsStream("/models/ch_ppocr_mobile_v2.0_cls_infer.onnx")) {
      Files.copy(in, model);
    }
    source = tmp.resolve("source");
    target = tmp.resolve("target");
    for (int i = 0; i < 6; i++) {
      png(source.resolve(i % 2 == 0 ? "a" : "b").resolve(i + ".png"), i);
      png(target.resolve("t").resolve(i + ".png"), 10 + i);
    }
  }

  private Cli.Result select(String method, Object... extra) {
    java.util.List<Object> args = new java.util.ArrayList<>(java.util.List.of("select", "--method", method,
        "--surrogate", model, "--surrogate-option", "input.size=192x48", "--surrogate-option", "input.channels=3",
        "--surrogate-option", "threads=1", "--target-images", target, "--source", source, "--keep", "1"));
    args.addAll(java.util.List.of(extra));
    return Cli.run(args.toArray());
  }

  @Test
  void labelMappingRunsTheModelOverTheTargetImages() throws Exception {
    Path out = tmp.resolve("lm");
    Cli.Result r = select("lm", "--out", out);
    assertThat(r.status()).as(r.err()).isEqualTo(0);
    JsonNode m = new ObjectMapper().readTree(out.resolve("selection.json").toFile());
    assertThat(m.get("histogram").get(0).asInt() + m.get("histogram").get(1).asInt()).isEqualTo(6);
    assertThat(m.get("keptSampleCount").asInt()).isEqualTo(3);
    assertThat(m.get("provenance").get("fingerprints").has("model")).isTrue();
    assertThat(m.get("provenance").get("engine").asText()).startsWith("onnxruntime");
  }

  @Test
  void featureMappingGroupsTheSourceByItsFolders() throws Exception {
    Path out = tmp.resolve("fm");
    Cli.Result r = select("fm", "--surrogate-option", "features=save_infer_model/scale_0.tmp_1", "--out", out);
    assertThat(r.status()).as(r.err()).isEqualTo(0);
    JsonNode m = new ObjectMapper().readTree(out.resolve("selection.json").toFile());
    assertThat(m.get("groupCount").asInt()).isEqualTo(2);
  }

  @Test
  void refusesPrecomputedInputsNextToASurrogate() {
    Cli.Result r = select("lm", "--source-labels", tmp.resolve("l.npy"), "--out", tmp.resolve("x"));
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines().get(0)).contains("--surrogate computes");
  }

  @Test
  void aFileNoEngineOpensIsNamedWithTheEnginesAvailable() throws Exception {
    Path bogus = Files.writeString(tmp.resolve("model.bin"), "x");
    Cli.Result r = Cli.run("select", "--method", "lm", "--surrogate", bogus, "--target-images", target, "--source",
        source, "--keep", "1", "--out", tmp.resolve("y"));
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().contains("no model backend opens this file", "onnx");
  }
}
