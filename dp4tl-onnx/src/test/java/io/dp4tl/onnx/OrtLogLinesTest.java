package io.dp4tl.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 case 7: ONNX Runtime's own (coloured) log lines reached the user's terminal. They are
 * off unless asked for with {@value OnnxBackend#LOG_LEVEL_PROPERTY}.
 */
class OrtLogLinesTest {
  @TempDir Path tmp;

  @Test
  void onnxRuntimeLogsNothingUnlessAsked() throws Exception {
    byte[] real = OnnxBackend.readResource(OnnxBackendTest.CLS);
    Path truncated = Files.write(tmp.resolve("truncated.onnx"), Arrays.copyOf(real, real.length / 2));

    assertThat(run(truncated, "192x48", null)).contains("refused").doesNotContain("onnxruntime");
    // Asked for, its lines come through: the test would see them.
    assertThat(run(truncated, "192x48", "verbose")).contains("refused").contains("onnxruntime");
  }

  private static String run(Path model, String size, String level) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = level == null
        ? new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OrtLogChild.class.getName(),
            model.toString(), size)
        : new ProcessBuilder(java, "-D" + OnnxBackend.LOG_LEVEL_PROPERTY + "=" + level, "-cp",
            System.getProperty("java.class.path"), OrtLogChild.class.getName(), model.toString(), size);
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out.lines().filter(l -> !l.startsWith("WARNING:")).reduce("", (a, b) -> a + b + "\n");
  }
}
