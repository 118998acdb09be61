package io.dp4tl.cli;

import io.dp4tl.api.Dp4tlException;
import io.dp4tl.api.InvalidInputException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into one line on standard error and an exit status: usage errors and invalid
 * input exit 2 (usage errors add a hint line), other dp4tl and I/O failures exit 1; anything else
 * is a bug and also prints its stack trace, as every failure does under {@code --verbose}.
 */
final class ErrorReporter implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
  static final int FAILURE = 1;
  static final int INVALID = 2;

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    String name = cli.getCommandSpec().qualifiedName();
    PrintWriter err = cli.getErr();
    err.println(name + ": " + oneLine(e.getMessage()).replaceFirst("^Error: ", ""));
    List<String> suggestions = e instanceof UnmatchedArgumentException u ? u.getSuggestions() : List.of();
    String didYouMean = suggestions.isEmpty() ? "" : "Did you mean " + String.join(" or ", suggestions) + "? ";
    err.println(didYouMean + "See '" + name + " --help'.");
    err.flush();
    return INVALID;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    String name = cli.getCommandSpec().qualifiedName();
    PrintWriter err = cli.getErr();
    int status;
    boolean verbose = cli.getParseResult() != null && cli.getParseResult().hasMatchedOption("--verbose");
    if (e instanceof InvalidInputException) {
      err.println(name + ": error: " + oneLine(e.getMessage()));
      status = INVALID;
    } else if (e instanceof Dp4tlException || e instanceof UncheckedIOException) {
      err.println(name + ": error: " + oneLine(e.getMessage()));
      status = FAILURE;
    } else {
      err.println(name + ": internal error: " + oneLine(String.valueOf(e)));
      verbose = true;
      status = FAILURE;
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return status;
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
