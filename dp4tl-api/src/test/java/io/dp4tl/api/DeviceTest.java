package io.dp4tl.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceTest {

  @Test
  void aGpuModuleBuiltForANewerJavaIsExplainedInTheUsersWords() {
    assertThat(Device.fallbackNotice(List.of("cpu"),
        List.of("io.dp4tl.gpu.CudaAccelerator needs Java 22+ (this is Java 17.0.15)")))
        .isEqualTo("GPU acceleration needs Java 22+ (this is Java 17.0.15); using the CPU");
  }

  @Test
  void otherwiseTheNoticeListsWhatWasFound() {
    assertThat(Device.fallbackNotice(List.of("cpu", "cuda"), List.of()))
        .isEqualTo("no usable GPU accelerator (found: cpu, cuda); using the CPU");
    assertThat(Device.fallbackNotice(List.of("cpu"), List.of("java.lang.NoClassDefFoundError: x/Y")))
        .isEqualTo("no usable GPU accelerator (found: cpu; not loadable here: java.lang.NoClassDefFoundError: x/Y);"
            + " using the CPU");
  }
}
