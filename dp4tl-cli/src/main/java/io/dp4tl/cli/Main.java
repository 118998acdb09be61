package io.dp4tl.cli;

import io.dp4tl.api.Version;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dp4tl} command. Exit status: 0 on success, 1 when something other than the input
 * failed (an unwritable output, a bug), 2 on invalid usage or input, with one line on standard
 * error naming the problem.
 */
@Command(
    name = "dp4tl",
    mixinStandardHelpOptions = true,
    versionProvider = Main.LibraryVersion.class,
    description = "Dataset pruning for transfer learning: picks the part of a source dataset worth pretraining on"
        + " for a target task (Label Mapping, Feature Mapping and baselines).",
    subcommands = {SelectCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:success",
      "1:failure other than the input (output not writable, internal error)",
      "2:invalid usage or input (one line on standard error names it)"
    })
public final class Main {

  private Main() {}

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with dp4tl's error reporting; its streams default to the process's. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(Main.class);
    CommandLine select = cli.getSubcommands().get("select");
    select.getHelpSectionMap().put(MethodsHelp.SECTION, new MethodsHelp());
    List<String> sections = new ArrayList<>(select.getHelpSectionKeys());
    sections.add(sections.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), MethodsHelp.SECTION);
    select.setHelpSectionKeys(sections);
    ErrorReporter reporter = new ErrorReporter();
    cli.setParameterExceptionHandler(reporter);
    cli.setExecutionExceptionHandler(reporter);
    return cli;
  }

  /** {@code dp4tl --version}: the library version. */
  static final class LibraryVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"dp4tl " + Version.get()};
    }
  }
}
