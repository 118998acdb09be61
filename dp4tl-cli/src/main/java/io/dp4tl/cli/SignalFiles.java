package io.dp4tl.cli;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.data.TrainingSignals;
import io.dp4tl.core.io.Npy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The training signals of {@code --source-logits}, {@code --source-features} (grand: one per
 * logits file) and {@code --source-correctness}, memory-mapped and checked against each other and
 * against {@code --source-labels}, so that a mismatch names the options, files and row.
 */
final class SignalFiles {
  private SignalFiles() {}

  /**
   * @param labelsFile {@code --source-labels}, or {@code null}
   * @throws InvalidInputException if a file is unreadable, the number of feature files differs from
   *     the number of logits files, shapes or counts disagree, or a label is outside the logits'
   *     classes (names the files and the row)
   */
  static TrainingSignals read(List<Path> logitsFiles, List<Path> featureFiles, Path correctnessFile, Path labelsFile) {
    if (!featureFiles.isEmpty() && featureFiles.size() != logitsFiles.size()) {
      throw new InvalidInputException("--source-logits gives " + logitsFiles.size() + " files (" + names(logitsFiles)
          + ") but --source-features gives " + featureFiles.size() + " (" + names(featureFiles)
          + "); give one feature file per logits file, in the same order");
    }
    IntColumn labels = labelsFile == null || logitsFiles.isEmpty() ? null
        : Npy.readIntColumn(labelsFile, "source labels");
    List<FloatMatrix> logits = new ArrayList<>();
    for (Path file : logitsFiles) {
      FloatMatrix z = Npy.readMatrix(file, "source logits");
      if (labels != null && z.rows() != labels.size()) {
        throw new InvalidInputException("--source-logits " + file + " has " + z.rows() + " rows but --source-labels "
            + labelsFile + " has " + labels.size() + " entries; both must list the same source samples in the same"
            + " order");
      }
      logits.add(z);
    }
    if (labels != null) {
      int classes = logits.get(0).cols();
      int i = labels.firstRowOutside(0, classes);
      if (i >= 0) {
        throw new InvalidInputException("--source-labels " + labelsFile + ": label " + labels.get(i) + " at row " + i
            + " is outside [0, " + classes + "): --source-logits " + logitsFiles.get(0) + " has " + classes
            + " columns, one per source class");
      }
    }
    List<FloatMatrix> features = new ArrayList<>();
    for (Path file : featureFiles) {
      features.add(Npy.readMatrix(file, "source features"));
    }
    FloatMatrix correctness = correctnessFile == null ? null
        : Npy.readNumericMatrix(correctnessFile, "source correctness");
    return new TrainingSignals(logits, features, correctness);
  }

  private static String names(List<Path> files) {
    return files.stream().map(Path::toString).collect(Collectors.joining(", "));
  }
}
