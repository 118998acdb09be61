package io.dp4tl.cli;

import io.dp4tl.api.Version;
import java.util.ArrayList;
import java.util.Arrays;
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

  /** System property of slf4j-simple that sets the level of every logger without one of its own. */
  static final String DEFAULT_LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
  /** System property of dp4tl-onnx that sets ONNX Runtime's own log level. */
  static final String ONNX_LOG_LEVEL = "dp4tl.onnx.logLevel";

  /**
   * Runs the command and exits with its status. Only dp4tl's own notices are logged unless
   * {@code --verbose} is given (then the libraries' log lines too); an {@link OutOfMemoryError}
   * is reported in one line saying how to give the JVM more heap.
   */
  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--verbose")) {
      // Before the first logger exists: slf4j-simple reads its levels once. ONNX Runtime logs
      // natively; dp4tl-onnx reads its level from this property when it loads the first model.
      System.setProperty(DEFAULT_LOG_LEVEL, "info");
      System.setProperty(ONNX_LOG_LEVEL, "warning");
    }
    int status;
    try {
      status = commandLine().execute(args);
    } catch (OutOfMemoryError e) {
      System.err.println("dp4tl: error: out of Java heap (" + Runtime.getRuntime().maxMemory() / (1 << 20)
          + " MiB); give the JVM more, e.g. DP4TL_JAVA_OPTS=-Xmx16g for ./dp4tl (java -Xmx16g ... otherwise)");
      status = ErrorReporter.FAILURE;
    }
    System.exit(status);
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
