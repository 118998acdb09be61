package io.dp4tl.api.progress;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Prints progress to a stream (stderr by default), at most one line per task every second. */
public final class ConsoleProgress implements ProgressListener {
  private final PrintStream out;
  private final Map<String, Long> lastPrint = new ConcurrentHashMap<>();

  public ConsoleProgress() {
    this(System.err);
  }

  public ConsoleProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public void started(String task, long total) {
    out.println("[dp4tl] " + task + ": started" + (total >= 0 ? " (" + total + ")" : ""));
  }

  @Override
  public void advanced(String task, long done, long total) {
    long now = System.nanoTime();
    Long last = lastPrint.get(task);
    if (last != null && now - last < 1_000_000_000L && done != total) {
      return;
    }
    lastPrint.put(task, now);
    String pct = total > 0 ? String.format(" (%.0f%%)", 100.0 * done / total) : "";
    out.println("[dp4tl] " + task + ": " + done + (total >= 0 ? "/" + total : "") + pct);
  }

  @Override
  public void report(String task, String message) {
    out.println("[dp4tl] " + task + ": " + message);
  }

  @Override
  public void finished(String task) {
    lastPrint.remove(task);
    out.println("[dp4tl] " + task + ": done");
  }
}
