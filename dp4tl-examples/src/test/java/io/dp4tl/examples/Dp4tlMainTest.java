package io.dp4tl.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Dp4tlMainTest {
  @AfterEach
  void clear() {
    System.clearProperty(Dp4tlMain.QUIET_GPU_PROBE);
  }

  @Test
  void quietsOnlyDjlsGpuProbeAndLetsTheUserDecide() {
    System.clearProperty(Dp4tlMain.QUIET_GPU_PROBE);
    Dp4tlMain.quietGpuProbe();
    assertThat(System.getProperty(Dp4tlMain.QUIET_GPU_PROBE)).isEqualTo("error");
    assertThat(Dp4tlMain.QUIET_GPU_PROBE).isEqualTo("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils");
    System.setProperty(Dp4tlMain.QUIET_GPU_PROBE, "warn");
    Dp4tlMain.quietGpuProbe();
    assertThat(System.getProperty(Dp4tlMain.QUIET_GPU_PROBE)).isEqualTo("warn");
  }
}
