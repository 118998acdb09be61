package io.dp4tl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 case 7: ONNX Runtime's own coloured log lines reached the terminal. A model with an
 * initializer no node uses makes ONNX Runtime warn ("Removing initializer ...") as it loads it;
 * {@code dp4tl select} in a JVM of its own prints none of that unless {@code --verbose} is given.
 */
class OrtLogLeakTest {
  @TempDir Path tmp;

  @Test
  void onnxRuntimeWarningsReachTheTerminalOnlyWithVerbose() throws Exception {
    Path model = Files.write(tmp.resolve("unused-initializer.onnx"), TinyOnnx.linear(true));
    for (int i = 0; i < 4; i++) {
      image(tmp.resolve("source").resolve(i % 2 == 0 ? "a" : "b").resolve(i + ".png"), i);
      image(tmp.resolve("target").resolve("t").resolve(i + ".png"), 7 * i + 3);
    }

    String quiet = select(model, "quiet");
    assertThat(quiet).contains("kept").doesNotContain(":onnxruntime:", "Removing initializer", "\u001b[", "WARNING");

    String verbose = select(model, "verbose", "--verbose");
    assertThat(verbose).contains("kept").contains("[W:onnxruntime:", "Removing initializer 'unused'");
  }

  private static void image(Path file, int seed) throws Exception {
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    for (int p = 0; p < 16; p++) {
      img.setRGB(p % 4, p / 4, (seed * 2654435761L + p * 40503L) % 0xffffff > 0x7fffff ? 0xffffff : 0x202020);
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
  }

  /**
   * Everything {@code dp4tl select} printed (stdout and stderr) in a JVM of its own, started as the
   * launcher starts it (native access granted as the jar's manifest grants it); it must exit 0.
   */
  private String select(Path model, String out, String... extra) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "select", "--method", "lm", "--surrogate",
        model.toString(), "--surrogate-option", "input.size=2x2", "--surrogate-option", "input.channels=3",
        "--surrogate-option", "threads=1", "--target-images", tmp.resolve("target").toString(), "--source",
        tmp.resolve("source").toString(), "--keep", "1", "--out", tmp.resolve(out).toString()));
    command.addAll(List.of(extra));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }
}
