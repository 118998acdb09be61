package io.dp4tl.gpu.internal.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.gpu.internal.cuda.Nvcc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernels that NVRTC compiles at run time, compiled here by nvcc to PTX (warnings as errors)
 * for the oldest and a current architecture NVRTC 13 targets: a syntax and type check that needs
 * no GPU, and a check that every kernel the Java side launches is exported under its name.
 */
class KernelSourceTest {
  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(strings = {"compute_75", "compute_90"})
  void compilesToPtxExportingEveryKernel(String arch) throws IOException, InterruptedException {
    Path source = work.resolve("dp4tl_kernels.cu");
    Files.writeString(source, KernelModule.source());

    Nvcc.find().run(work, "--ptx", "-arch=" + arch, "-std=c++17", "-Werror", "all-warnings", source.toString(),
        "-o", "kernels.ptx");

    String ptx = Files.readString(work.resolve("kernels.ptx"));
    for (Kernel kernel : Kernel.values()) {
      assertThat(ptx).as(kernel.symbol()).contains(".visible .entry " + kernel.symbol() + "(");
    }
    assertThat(ptx.split("\\.visible \\.entry ", -1)).hasSize(Kernel.values().length + 1);
  }
}
