package io.dp4tl.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DjlEnginesTest {

  @Test
  void describesTheEngine() {
    assertThat(DjlEngines.description()).isEqualTo("DJL 0.35.1 / PyTorch 2.7.1");
    assertThat(System.getProperty(DjlEngines.OFFLINE_PROPERTY)).isEqualTo("true");
  }

  @Test
  void throughDp4tlDjlOpensNoUrl() throws Exception {
    List<String> out = child("dp4tl", Map.of());
    assertThat(out).contains("done").noneMatch(line -> line.startsWith("attempted") || line.startsWith("refused"));
  }

  @Test
  void theDetectorSeesDjlPhoneHomeWithoutDp4tlsSettings() throws Exception {
    List<String> out = child("raw", Map.of());
    assertThat(out).contains("done").anyMatch(line -> line.startsWith("attempted: http://169.254.169.254"));
  }

  @Test
  void anEnvironmentThatSwitchesOfflineModeOffIsRefused() throws Exception {
    List<String> out = child("dp4tl", Map.of("DJL_OFFLINE", "false"));
    assertThat(out).contains("done").noneMatch(line -> line.startsWith("attempted"))
        .anyMatch(line -> line.startsWith("refused: DJL offline mode is switched off"));
  }

  /** Runs {@link OfflineChild} without any of DJL's offline settings, plus {@code env}. */
  private static List<String> child(String mode, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), OfflineChild.class.getName(), mode);
    builder.environment().remove("DJL_OFFLINE");
    builder.environment().remove("OPT_OUT_TRACKING");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return Arrays.asList(new String(output, StandardCharsets.UTF_8).split("\n"));
  }
}
