package io.dp4tl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.api.Version;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

class HelpTest {

  @Test
  void selectHelpDocumentsEveryOption() {
    Cli.Result result = Cli.run("select", "--help");
    assertThat(result.status()).isZero();
    for (OptionSpec option : Main.commandLine().getSubcommands().get("select").getCommandSpec().options()) {
      assertThat(option.description()).as(option.longestName()).isNotEmpty();
      assertThat(result.out()).contains(option.longestName()).contains(option.description()[0].substring(0, 20));
    }
    assertThat(result.out()).contains("dp4tl select --method fm --target-features T.npy --source-features F.npy");
  }

  @Test
  void topLevelHelpListsTheCommandsAndExitStatus() {
    Cli.Result result = Cli.run("--help");
    assertThat(result.status()).isZero();
    assertThat(result.out()).contains("select").contains("Exit status:").contains("invalid usage or input");
  }

  @Test
  void versionIsTheLibraryVersion() {
    Cli.Result result = Cli.run("--version");
    assertThat(result.status()).isZero();
    assertThat(result.out().strip()).isEqualTo("dp4tl " + Version.get());
  }
}
