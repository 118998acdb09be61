package io.dp4tl.api.data;

import com.google.common.collect.ImmutableList;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.spi.ArrayReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a model trained on the SOURCE recorded about every source sample, for the sample-level
 * baselines: its logits (n x S) in each of R runs (EL2N, GraNd), the penultimate features
 * (n x d) of the same R runs (GraNd), and the per-epoch correctness of one run (E x n, 0 or 1;
 * forgetting). Matrices are held, not copied; they may be memory-mapped.
 *
 * @param logits source logits of each run, all of one shape (may be empty)
 * @param features penultimate source features of each run: empty, or one per logits array, in
 *     the same order
 * @param correctness per-epoch correctness, epochs x samples, or {@code null}
 */
public record TrainingSignals(List<FloatMatrix> logits, List<FloatMatrix> features, FloatMatrix correctness) {

  /**
   * @throws InvalidInputException if nothing is given, the number of feature arrays differs from
   *     the number of logits arrays, or the arrays disagree on the number of samples or classes
   *     (the message names both arrays)
   */
  public TrainingSignals {
    logits = ImmutableList.copyOf(logits);
    features = ImmutableList.copyOf(features);
    if (logits.isEmpty() && features.isEmpty() && correctness == null) {
      throw new InvalidInputException("training signals hold nothing: give logits, features or correctness");
    }
    if (!features.isEmpty() && features.size() != logits.size()) {
      throw new InvalidInputException(features.size() + " feature arrays but " + logits.size()
          + " logits arrays: each run gives its logits and its penultimate features, in the same order");
    }
    for (int r = 1; r < logits.size(); r++) {
      FloatMatrix a = logits.get(0);
      FloatMatrix b = logits.get(r);
      if (a.rows() != b.rows() || a.cols() != b.cols()) {
        throw new InvalidInputException(b + " (run " + r + ") differs in shape from " + a
            + " (run 0): every run scores the same samples over the same classes");
      }
    }
    for (int r = 0; r < features.size(); r++) {
      FloatMatrix f = features.get(r);
      if (f.rows() != logits.get(r).rows()) {
        throw new InvalidInputException(f + " (run " + r + ") has " + f.rows() + " rows but " + logits.get(r)
            + " has " + logits.get(r).rows() + ": both must list the same source samples in the same order");
      }
      if (r > 0 && f.cols() != features.get(0).cols()) {
        throw new InvalidInputException(f + " (run " + r + ") has " + f.cols() + " columns but " + features.get(0)
            + " (run 0) has " + features.get(0).cols());
      }
    }
    if (correctness != null && correctness.rows() < 1) {
      throw new InvalidInputException(correctness + " has no epoch (row); give epochs x samples");
    }
    if (correctness != null && !logits.isEmpty() && correctness.cols() != logits.get(0).rows()) {
      throw new InvalidInputException(correctness + " covers " + correctness.cols() + " samples (columns) but "
          + logits.get(0) + " has " + logits.get(0).rows() + " rows: both must list the same source samples");
    }
  }

  /**
   * Logits of R runs (EL2N).
   *
   * @throws InvalidInputException as the constructor
   */
  public static TrainingSignals ofLogits(List<FloatMatrix> runs) {
    return new TrainingSignals(runs, List.of(), null);
  }

  /**
   * Logits of R runs from files, e.g. {@code .npy} (memory-mapped), read by the
   * {@link io.dp4tl.api.spi.ArrayReader} that accepts each.
   *
   * @throws InvalidInputException if a file cannot be read as a float matrix, or as the constructor
   */
  public static TrainingSignals ofLogits(Path... runs) {
    List<FloatMatrix> logits = new ArrayList<>();
    for (Path file : runs) {
      logits.add(ArrayReader.forFile(file).readMatrix(file, "source logits"));
    }
    return ofLogits(logits);
  }

  /**
   * Logits and penultimate features of R runs, pairwise (GraNd).
   *
   * @throws InvalidInputException as the constructor
   */
  public static TrainingSignals ofLogitsAndFeatures(List<FloatMatrix> logits, List<FloatMatrix> features) {
    return new TrainingSignals(logits, features, null);
  }

  /**
   * Per-epoch correctness, epochs x samples, each 0 or 1 (forgetting).
   *
   * @throws InvalidInputException as the constructor
   */
  public static TrainingSignals ofCorrectness(FloatMatrix epochsBySamples) {
    return new TrainingSignals(List.of(), List.of(), epochsBySamples);
  }

  /** The number of source samples the signals cover. */
  public int sampleCount() {
    return logits.isEmpty() ? correctness.cols() : logits.get(0).rows();
  }

  /** The number of classes of the logits, if logits are given. */
  public OptionalInt classCount() {
    return logits.isEmpty() ? OptionalInt.empty() : OptionalInt.of(logits.get(0).cols());
  }

  /** The first array given (it names its file when read from one), for messages. */
  @Override
  public String toString() {
    return "training signals (" + (logits.isEmpty() ? correctness : logits.get(0)) + ")";
  }

  /** The correctness matrix, if given. */
  public Optional<FloatMatrix> correctnessMatrix() {
    return Optional.ofNullable(correctness);
  }
}
