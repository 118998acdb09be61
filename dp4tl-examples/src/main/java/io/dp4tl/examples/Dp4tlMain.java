package io.dp4tl.examples;

import io.dp4tl.cli.Main;
import io.dp4tl.examples.demo.DemoCommand;
import picocli.CommandLine;

/** The all-in-one {@code dp4tl} command: the CLI's commands plus {@code demo}. */
public final class Dp4tlMain {
  private Dp4tlMain() {}

  public static void main(String[] args) {
    CommandLine cli = Main.commandLine();
    cli.addSubcommand("demo", new DemoCommand());
    System.exit(cli.execute(args));
  }
}
