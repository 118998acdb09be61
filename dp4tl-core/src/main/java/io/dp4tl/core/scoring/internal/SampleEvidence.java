package io.dp4tl.core.scoring.internal;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TrainingSignals;
import java.util.List;

/** Fetches what a sample-level baseline needs from the source, refusing with what is missing. */
public final class SampleEvidence {
  private SampleEvidence() {}

  /**
   * The source's training signals.
   *
   * @throws InvalidInputException if the source has none
   */
  public static TrainingSignals signals(SourceData source, String method, String what) {
    return source.signals().orElseThrow(() -> new InvalidInputException(method + " needs " + what
        + " of a model trained on the source: give them with SourceData.builder().signals(...)"
        + " (dp4tl select: see --help)"));
  }

  /**
   * The R logits arrays of the signals.
   *
   * @throws InvalidInputException if there are none
   */
  public static List<FloatMatrix> logits(SourceData source, String method) {
    List<FloatMatrix> logits = signals(source, method, "the source logits").logits();
    if (logits.isEmpty()) {
      throw new InvalidInputException(method + " needs the source logits of at least one run (TrainingSignals.logits)");
    }
    return logits;
  }

  /**
   * The source labels, each checked to lie in {@code [0, classes)}.
   *
   * @param against what fixes the class count, for the message (e.g. the logits array)
   * @throws InvalidInputException if the source has no labels or one is out of range (names the row)
   */
  public static IntColumn labels(SourceData source, String method, int classes, Object against) {
    IntColumn labels = source.labels().orElseThrow(() -> new InvalidInputException(method
        + " needs the class label of every source sample (SourceData labels; dp4tl select: --source-labels)"));
    int i = labels.firstRowOutside(0, classes);
    if (i >= 0) {
      throw new InvalidInputException("source labels: label " + labels.get(i) + " at row " + i + " is outside [0, "
          + classes + "): " + against + " has " + classes + " classes");
    }
    return labels;
  }
}
