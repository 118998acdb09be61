package io.dp4tl.gpu.internal.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryLocatorTest {
  @TempDir Path folder;

  @Test
  void listsUserFoldersSystemLoaderAndStandardLocationsWhenNothingLoads() {
    LibraryLocator locator = new LibraryLocator(List.of(folder), true);

    assertThatThrownBy(() -> locator.load("Test", List.of("libdp4tl-absent.so.7"), List.of()))
        .isInstanceOf(CudaUnavailableException.class)
        .hasMessageStartingWith("Test library not found (tried: " + folder.resolve("libdp4tl-absent.so.7") + " (absent)")
        .hasMessageContaining("libdp4tl-absent.so.7 (system loader)")
        .hasMessageContaining("/usr/local/cuda/lib64/libdp4tl-absent.so.7 (absent)")
        .hasMessageContaining("/usr/lib64/libdp4tl-absent.so.7 (absent)");
  }

  @Test
  void loadsThroughTheSystemLoaderByName() throws CudaUnavailableException {
    NativeLibrary math = new LibraryLocator(List.of(folder), true).load("C math", List.of("libm.so.6"), List.of());

    assertThat(math.origin()).isEqualTo("libm.so.6");
    assertThat(math.lookup().find("cos")).isPresent();
  }

  @Test
  void standardFoldersIncludeToolkitAndDistributionFolders() {
    List<Path> folders = LibraryLocator.standardFolders();

    assertThat(folders).contains(Path.of("/usr/local/cuda/lib64"), Path.of("/usr/lib64"), Path.of("/usr/lib/wsl/lib"));
    assertThat(folders.indexOf(Path.of("/usr/local/cuda/lib64"))).isLessThan(folders.indexOf(Path.of("/usr/lib64")));
  }

  @Test
  void versionedToolkitsComeNewestFirstComparingNumbers() throws java.io.IOException {
    for (String name : List.of("cuda-11.8", "cuda-12.10", "cuda-13.0", "cuda-12.9", "cudnn")) {
      java.nio.file.Files.createDirectory(folder.resolve(name));
    }

    assertThat(LibraryLocator.versionedToolkits(folder)).containsExactly(
        folder.resolve("cuda-13.0/lib64"), folder.resolve("cuda-13.0/lib"),
        folder.resolve("cuda-12.10/lib64"), folder.resolve("cuda-12.10/lib"),
        folder.resolve("cuda-12.9/lib64"), folder.resolve("cuda-12.9/lib"),
        folder.resolve("cuda-11.8/lib64"), folder.resolve("cuda-11.8/lib"));
  }
}
