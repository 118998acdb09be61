package io.dp4tl.djl.train;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.TrainingSignals;
import io.dp4tl.core.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks {@link DjlTrainer#recordingSignals} to record, while it pretrains, what the sample-level
 * baselines need, into {@code dir}:
 *
 * <ul>
 *   <li>{@value #CORRECTNESS}: epochs x n uint8, 1 where the training pass classified the sample
 *       correctly in that epoch (as it was seen in its minibatch, augmented, as Toneva et al. record
 *       forgetting events), rewritten after every epoch;
 *   <li>{@value #LOGITS} (n x S float32) and {@value #FEATURES} (n x d float32, the pooled
 *       penultimate features): one inference pass over every training sample, unaugmented and in
 *       inference mode, after epoch {@code logitsEpoch} (1-based).
 * </ul>
 *
 * Row i is the i-th of the samples given to {@code pretrain} (for full-source training, source
 * sample i). One recording is one run; R runs (e.g. R seeds) are R directories, read together by
 * {@link #read(List)}.
 *
 * @param dir where the files go (created if missing)
 * @param logitsEpoch after which epoch (1-based) the logits and features are recorded
 */
public record SignalRecording(Path dir, int logitsEpoch) {
  /** Per-epoch correctness, epochs x n, uint8. */
  public static final String CORRECTNESS = "correctness.npy";
  /** Logits of every training sample at {@code logitsEpoch}, n x S, float32. */
  public static final String LOGITS = "logits.npy";
  /** Penultimate features of every training sample at {@code logitsEpoch}, n x d, float32. */
  public static final String FEATURES = "features.npy";

  /** @throws IllegalArgumentException if logitsEpoch is below 1 */
  public SignalRecording {
    requireNonNull(dir, "dir");
    checkArgument(logitsEpoch >= 1, "logitsEpoch must be >= 1 (1-based), got %s", logitsEpoch);
  }

  /**
   * The early epoch dp4tl records logits at by default: a tenth of the training, rounded, at least
   * the first (EL2N and GraNd score samples early in training; Paul et al. use epoch 20 of 200).
   */
  public static int defaultLogitsEpoch(int epochs) {
    return Math.max(1, Math.round(epochs / 10f));
  }

  /**
   * The signals of R recorded runs: the logits and features of each, and the correctness of the
   * first (forgetting counts one training run), memory-mapped.
   *
   * @throws InvalidInputException if a directory lacks a file or the runs disagree in shape
   */
  public static TrainingSignals read(List<Path> runs) {
    checkArgument(!runs.isEmpty(), "give at least one recorded run");
    List<FloatMatrix> logits = new ArrayList<>();
    List<FloatMatrix> features = new ArrayList<>();
    for (Path run : runs) {
      logits.add(Npy.readMatrix(existing(run, LOGITS), "recorded logits"));
      features.add(Npy.readMatrix(existing(run, FEATURES), "recorded features"));
    }
    FloatMatrix correctness = Npy.readNumericMatrix(existing(runs.get(0), CORRECTNESS), "recorded correctness");
    return new TrainingSignals(logits, features, correctness);
  }

  private static Path existing(Path dir, String name) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file + ": no such file; record it with DjlTrainer.recordingSignals(...)"
          + " (the logits and features appear after the recording's logitsEpoch)");
    }
    return file;
  }
}
