package io.dp4tl.core.manifest;

import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Selection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A writer process for the commit tests, started as its own JVM: {@code loop DIR ROUNDS VARIANT}
 * waits until both writers have started (a start file each beside DIR), then writes selection
 * VARIANT ({@link #variant}) until it has succeeded ROUNDS times, trying again at once when the
 * other writer holds the lock, and prints its successes and refusals;
 * {@code crash DIR STEP VARIANT} writes it once and halts the JVM (as {@code kill -9} would) on
 * reaching commit step STEP (1-based), exiting 0 if the commit has fewer steps.
 */
final class CommitChild {
  /** Exit status of a writer halted on purpose. */
  static final int HALTED = 137;

  private CommitChild() {}

  /** The selections the tests write: 0 class level (keeps 5), 1 class level (keeps 3), 2 sample level. */
  static Selection variant(int v) {
    return switch (v) {
      case 0 -> TestSelections.lmTiny();
      case 1 -> TestSelections.lmTiny(KeepRule.count(3), Map.of(), Map.of());
      case 2 -> TestSelections.sampleLevel();
      default -> throw new IllegalArgumentException("variant " + v);
    };
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[1]);
    int n = Integer.parseInt(args[2]);
    Selection selection = variant(Integer.parseInt(args[3]));
    JsonSelectionCodec codec = new JsonSelectionCodec();
    if (args[0].equals("loop")) {
      startTogether(dir, args[3]);
      int written = 0;
      int refused = 0;
      while (written < n) {
        try {
          codec.write(selection, dir);
          written++;
        } catch (DirectoryLock.SelectionLockedException e) {
          refused++;
          Thread.onSpinWait();
        }
      }
      System.out.println(written + " " + refused);
    } else {
      int[] steps = {0};
      codec.write(selection, dir, step -> {
        if (++steps[0] == n) {
          Runtime.getRuntime().halt(HALTED);
        }
      });
    }
    System.exit(0);
  }

  /** Marks this writer started and waits (at most a minute) for the other, so their rounds overlap. */
  private static void startTogether(Path dir, String variant) throws IOException {
    Path started = dir.resolveSibling(dir.getFileName() + ".started");
    Files.createDirectories(started);
    Files.createFile(started.resolve(variant));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(started)) {
        if (files.count() >= 2) {
          return;
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }
}
