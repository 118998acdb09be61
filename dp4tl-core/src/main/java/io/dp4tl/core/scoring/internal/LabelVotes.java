package io.dp4tl.core.scoring.internal;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.spi.ScoringRequest;
import java.util.OptionalInt;

/**
 * Label Mapping's evidence: the source labels and the histogram of the surrogate's argmax over the
 * target, one count per source class.
 *
 * @param labels source class of each sample
 * @param counts target votes per source class
 */
public record LabelVotes(IntColumn labels, long[] counts) {

  /**
   * Counts the votes.
   *
   * @throws InvalidInputException if the source has no labels, the logit width is not the number of
   *     source classes, a label is outside the logit width, or a logit is not finite
   */
  public static LabelVotes count(ScoringRequest request) {
    return count(request, Evidence.targetLogits(request));
  }

  /**
   * Counts the votes of logits already obtained from {@link Evidence#targetLogits}.
   *
   * @throws InvalidInputException as {@link #count(ScoringRequest)}
   */
  public static LabelVotes count(ScoringRequest request, FloatMatrix logits) {
    IntColumn labels = checkedLabels(request, logits);
    long[] counts = request.options().device().resolve()
        .argmaxHistogram(logits, request.options().threads(), request.control());
    return new LabelVotes(labels, counts);
  }

  /**
   * The source labels, checked against the logit width: one column per source class.
   *
   * @throws InvalidInputException if the source has no labels, the logit width is not the number of
   *     source classes, or a label is outside the logit width
   */
  public static IntColumn checkedLabels(ScoringRequest request, FloatMatrix logits) {
    SourceData source = request.source();
    IntColumn labels = source.labels().orElseThrow(() -> new InvalidInputException(
        request.options().method() + " ranks the source's classes, but source '" + source.name()
            + "' has no labels: give SourceData labels (or images with class names)"));
    int width = logits.cols();
    OptionalInt classes = source.classCount();
    if (classes.isPresent() && classes.getAsInt() != width) {
      throw new InvalidInputException("source '" + source.name() + "' has " + classes.getAsInt()
          + " classes but " + logits + " has " + width + " columns: the surrogate must score exactly the source's"
          + " classes, one logit column per class");
    }
    int i = labels.firstRowOutside(0, width);
    if (i >= 0) {
      throw new InvalidInputException("source '" + source.name() + "' label " + labels.get(i) + " at row " + i
          + " is out of range for " + logits + " with " + width + " columns (one per source class): the surrogate"
          + " must score every source class");
    }
    return labels;
  }

  /** The counts as doubles (for scores and the histogram). */
  public double[] histogram() {
    double[] h = new double[counts.length];
    for (int c = 0; c < h.length; c++) {
      h[c] = counts[c];
    }
    return h;
  }
}
