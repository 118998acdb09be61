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
  void selectHelpListsEveryScorerWithItsInputsAndOptions() {
    String help = Cli.run("select", "--help").out();
    assertThat(help).contains("Methods (any scorer on the classpath):")
        .contains("  lm: Label Mapping")
        .contains("  fm: Feature Mapping")
        .contains("ranks the source's clusters; needs --target-features and --source-features, --source-groups or"
            + " --clusters")
        .contains("--option soft.temperature (a number > 0, default 1)")
        .contains("--option coverage.allocation (one of round-robin, greedy, default round-robin)")
        .contains("--option kmeans.maxIterations (a whole number >= 0, default 100)")
        .contains("  random-sample: ");
    assertThat(help.indexOf("Methods (")).isLessThan(help.indexOf("Examples:"));
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
