package io.dp4tl.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingDirectoryTest {
  @TempDir Path tmp;

  @Test
  void commitReplacesTheListedFilesAndCleansUp() throws IOException {
    Path target = Files.createDirectory(tmp.resolve("t"));
    Files.writeString(target.resolve("a"), "old a");
    Files.writeString(target.resolve("stale"), "old stale");
    try (StagingDirectory staging = StagingDirectory.beside(target)) {
      Files.writeString(staging.file("a"), "new a");
      Files.writeString(staging.file("m"), "new m");
      staging.commit(List.of("a", "m"), List.of("m", "a", "stale"));
    }
    assertThat(names(target)).containsExactlyInAnyOrder("a", "m");
    assertThat(Files.readString(target.resolve("a"))).isEqualTo("new a");
    assertThat(names(tmp)).containsExactly("t");
  }

  @Test
  void aMoveFailingHalfwayRestoresTheTarget() throws IOException {
    Path target = Files.createDirectory(tmp.resolve("t"));
    Files.writeString(target.resolve("a"), "old a");
    Files.writeString(target.resolve("m"), "old m");
    try (StagingDirectory staging = StagingDirectory.beside(target)) {
      Files.writeString(staging.file("a"), "new a");
      // "m" is listed but was never staged: its move fails after "a" was moved in.
      assertThatThrownBy(() -> staging.commit(List.of("a", "m"), List.of("m", "a")))
          .isInstanceOf(NoSuchFileException.class);
    }
    assertThat(names(target)).containsExactlyInAnyOrder("a", "m");
    assertThat(Files.readString(target.resolve("a"))).isEqualTo("old a");
    assertThat(Files.readString(target.resolve("m"))).isEqualTo("old m");
    assertThat(names(tmp)).containsExactly("t");
  }

  @Test
  void aFailedCommitRemovesATargetItCreated() throws IOException {
    Path target = tmp.resolve("new");
    try (StagingDirectory staging = StagingDirectory.beside(target)) {
      Files.writeString(staging.file("a"), "a");
      assertThatThrownBy(() -> staging.commit(List.of("a", "missing"), List.of("a")))
          .isInstanceOf(NoSuchFileException.class);
    }
    assertThat(names(tmp)).isEmpty();
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
