package io.dp4tl.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CudaOptionsTest {

  @AfterEach
  void clearProperties() {
    System.clearProperty(CudaOptions.PATH_PROPERTY);
    System.clearProperty(CudaOptions.DEVICE_PROPERTY);
    System.clearProperty(CudaOptions.TF32_PROPERTY);
  }

  @Test
  void defaultsUseDeviceZeroWithoutTf32() {
    CudaOptions options = CudaOptions.defaults();

    assertThat(options.device()).isZero();
    assertThat(options.allowTf32()).isFalse();
    assertThat(options.libraryPath()).isEmpty();
    assertThat(options.searchDefaultLocations()).isTrue();
    assertThat(options.rowMemoryLimit()).isZero();
  }

  @Test
  void readsFoldersDeviceAndTf32FromSystemProperties() {
    System.setProperty(CudaOptions.PATH_PROPERTY, "/opt/cuda/lib64::/srv/nvidia/lib ");
    System.setProperty(CudaOptions.DEVICE_PROPERTY, "1");
    System.setProperty(CudaOptions.TF32_PROPERTY, "TRUE");

    CudaOptions options = CudaOptions.fromEnvironment();

    assertThat(options.libraryPath()).containsExactly(Path.of("/opt/cuda/lib64"), Path.of("/srv/nvidia/lib"));
    assertThat(options.device()).isEqualTo(1);
    assertThat(options.allowTf32()).isTrue();
    assertThat(options.searchDefaultLocations()).isTrue();
  }

  @Test
  void refusesMalformedSettingsNamingTheProperty() {
    System.setProperty(CudaOptions.DEVICE_PROPERTY, "first");
    assertThatThrownBy(CudaOptions::fromEnvironment)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dp4tl.cuda.device")
        .hasMessageContaining("'first'");

    System.clearProperty(CudaOptions.DEVICE_PROPERTY);
    System.setProperty(CudaOptions.TF32_PROPERTY, "yes");
    assertThatThrownBy(CudaOptions::fromEnvironment)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dp4tl.cuda.tf32");
  }

  @Test
  void copiesTheFolderListAndValidatesTheDevice() {
    List<Path> folders = new ArrayList<>(List.of(Path.of("/a")));
    CudaOptions options = new CudaOptions(0, false, folders, true, 0);
    folders.add(Path.of("/b"));

    assertThat(options.libraryPath()).containsExactly(Path.of("/a"));
    assertThat(options.withTf32(true).allowTf32()).isTrue();
    assertThat(options.withLibrariesOnlyFrom(List.of(Path.of("/c"))))
        .isEqualTo(new CudaOptions(0, false, List.of(Path.of("/c")), false, 0));
    assertThat(options.withRowMemoryLimit(1 << 20).rowMemoryLimit()).isEqualTo(1 << 20);
    assertThatThrownBy(() -> new CudaOptions(-1, false, List.of(), true, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> options.withRowMemoryLimit(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-5");
  }
}
