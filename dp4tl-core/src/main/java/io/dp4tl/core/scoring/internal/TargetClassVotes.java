package io.dp4tl.core.scoring.internal;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.spi.Accelerator;
import io.dp4tl.api.spi.ScoringRequest;
import java.util.ArrayList;
import java.util.List;

/** Label Mapping votes split by target class: {@code votes[t][s]}. Needs the target's labels. */
public final class TargetClassVotes {
  private TargetClassVotes() {}

  /**
   * @throws InvalidInputException if the target has no labels or a label is negative
   */
  public static long[][] count(ScoringRequest request, FloatMatrix logits) {
    int[] labels = request.target().labels().orElseThrow(() -> new InvalidInputException(
        request.options().method() + " allocates source classes per target class, but target '"
            + request.target().name() + "' has no labels: give TargetData labels (or labelled images)"));
    int classes = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new InvalidInputException("target '" + request.target().name() + "' label " + labels[i] + " at row " + i
            + " is negative");
      }
      classes = Math.max(classes, labels[i] + 1);
    }
    List<List<Integer>> rowsOf = new ArrayList<>();
    for (int t = 0; t < classes; t++) {
      rowsOf.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      rowsOf.get(labels[i]).add(i);
    }
    Accelerator accelerator = request.options().device().resolve();
    long[][] votes = new long[classes][];
    for (int t = 0; t < classes; t++) {
      int[] rows = rowsOf.get(t).stream().mapToInt(Integer::intValue).toArray();
      votes[t] = rows.length == 0 ? new long[logits.cols()]
          : accelerator.argmaxHistogram(new RowSubset(logits, rows, logits + " (target class " + t + ")"),
              request.options().threads(), request.control());
    }
    return votes;
  }
}
