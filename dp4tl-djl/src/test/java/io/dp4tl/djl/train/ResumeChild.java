package io.dp4tl.djl.train;

import io.dp4tl.api.progress.Cancellation;
import io.dp4tl.api.progress.ProgressListener;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.core.testing.TinyGlyphs;
import java.nio.file.Paths;

/**
 * Child process of the resume test: pretrains with checkpoints in {@code args[0]} and, at step
 * {@code args[1]}, prints {@code "hanging"} and blocks so that the parent kills it mid-epoch.
 */
public final class ResumeChild {
  private ResumeChild() {}

  public static void main(String[] args) throws Exception {
    long hangAt = Long.parseLong(args[1]);
    ProgressListener listener = new ProgressListener() {
      @Override
      public void advanced(String task, long done, long total) {
        if (done == hangAt) {
          System.out.println("hanging");
          System.out.flush();
          try {
            Thread.sleep(Long.MAX_VALUE);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    TinyGlyphs source = TrainerFixtures.source();
    new DjlTrainer().pretrain(source, TrainerFixtures.all(source.size()),
        TrainerFixtures.options(11).withCheckpointDir(Paths.get(args[0])),
        new RunControl(listener, Cancellation.create()));
    System.out.println("finished without hanging");
  }
}
