package io.dp4tl.gpu.internal.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The CUDA toolkit's compiler, for build-time checks of the kernels and bindings (the library
 * itself never needs it): {@code -Ddp4tl.nvcc=...}, else {@code PATH}, else
 * {@code /usr/local/cuda*}/bin.
 */
public final class Nvcc {
  private final Path executable;

  private Nvcc(Path executable) {
    this.executable = executable;
  }

  /**
   * Finds nvcc; skips the calling test (an aborted assumption naming what was searched) where the
   * CUDA toolkit is not installed, as on users' machines and CI without it.
   */
  public static Nvcc find() throws IOException {
    List<Path> candidates = new ArrayList<>();
    String property = System.getProperty("dp4tl.nvcc");
    if (property != null) {
      candidates.add(Path.of(property));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "nvcc"));
      }
    }
    candidates.add(Path.of("/usr/local/cuda/bin/nvcc"));
    if (Files.isDirectory(Path.of("/usr/local"))) {
      try (DirectoryStream<Path> toolkits = Files.newDirectoryStream(Path.of("/usr/local"), "cuda-*")) {
        toolkits.forEach(t -> candidates.add(t.resolve("bin/nvcc")));
      }
    }
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return new Nvcc(candidate.toRealPath());
      }
    }
    return Assumptions.abort("no nvcc (CUDA toolkit 12 or 13) to check the kernels with; searched " + candidates
        + "; install the toolkit or set -Ddp4tl.nvcc=/path/to/nvcc to run this test");
  }

  /** The toolkit's include folder (holds cuda.h). */
  public Path includeDir() {
    return executable.getParent().getParent().resolve("include");
  }

  /**
   * Runs nvcc in a folder and returns its output; fails the test with that output when it exits
   * non-zero.
   */
  public String run(Path workDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("nvcc finished").isTrue();
    assertThat(process.exitValue()).as("nvcc %s failed:%n%s", command, output).isZero();
    return output;
  }
}
