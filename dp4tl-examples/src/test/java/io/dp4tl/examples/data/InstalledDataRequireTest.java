package io.dp4tl.examples.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledDataRequireTest {
  @Test
  void missingInstalledDataNamesTheInstallScript(@TempDir Path dir) {
    assertThatThrownBy(() -> InstalledData.require(dir.resolve("digits.png")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("scripts/install-data.sh")
        .hasMessageContaining("digits.png");
  }
}
