package io.dp4tl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Runs the dp4tl command in-process with captured output. */
final class Cli {
  private Cli() {}

  /** What one run printed and returned. */
  record Result(int status, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  static Result run(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] text = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      text[i] = String.valueOf(args[i]);
    }
    int status = cli.execute(text);
    return new Result(status, out.toString(), err.toString());
  }

  /** The kept-samples sidecar of the selection in {@code dir}, as its manifest names it. */
  static Path keptSamples(Path dir) {
    try {
      return dir.resolve(new ObjectMapper().readTree(dir.resolve("selection.json").toFile())
          .get("keptSamples").get("file").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A parity case folder (copied from dp4tl-core's test resources by the build). */
  static Path parityCase(String name) {
    try {
      return Path.of(Cli.class.getResource("/parity/README.md").toURI()).resolveSibling(name);
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}
