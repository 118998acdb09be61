package io.dp4tl.api.progress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs progress through SLF4J (logger {@code io.dp4tl.progress}): starts and reports at INFO, steps at DEBUG. */
public final class Slf4jProgress implements ProgressListener {
  private static final Logger LOG = LoggerFactory.getLogger("io.dp4tl.progress");

  @Override
  public void started(String task, long total) {
    LOG.info("{}: started ({})", task, total);
  }

  @Override
  public void advanced(String task, long done, long total) {
    LOG.debug("{}: {}/{}", task, done, total);
  }

  @Override
  public void report(String task, String message) {
    LOG.info("{}: {}", task, message);
  }

  @Override
  public void finished(String task) {
    LOG.info("{}: done", task);
  }
}
