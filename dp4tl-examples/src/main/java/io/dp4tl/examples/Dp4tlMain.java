package io.dp4tl.examples;

import io.dp4tl.cli.Main;
import io.dp4tl.examples.demo.DemoCommand;
import picocli.CommandLine;

/** The all-in-one {@code dp4tl} command: the CLI's commands plus {@code demo}. */
public final class Dp4tlMain {
  /**
   * The slf4j-simple setting that keeps DJL's GPU probe quiet: on a machine without a usable GPU,
   * {@code ai.djl.util.cuda.CudaUtils} logs "Failed to detect GPU count: CUDA driver version is
   * insufficient" at WARN on every engine start. That logger does nothing but probe for GPUs, and
   * dp4tl's DJL trainer runs on the CPU only, so only its errors are shown; every other logger keeps
   * its level. A value given on the command line ({@code -D...}) wins.
   */
  static final String QUIET_GPU_PROBE = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";

  private Dp4tlMain() {}

  /** Sets {@link #QUIET_GPU_PROBE} to {@code error} unless it is set; call before any logger exists. */
  static void quietGpuProbe() {
    if (System.getProperty(QUIET_GPU_PROBE) == null) {
      System.setProperty(QUIET_GPU_PROBE, "error");
    }
  }

  public static void main(String[] args) {
    quietGpuProbe();
    CommandLine cli = Main.commandLine();
    cli.addSubcommand("demo", new DemoCommand());
    System.exit(cli.execute(args));
  }
}
