package io.dp4tl.cli;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.core.io.Npy;
import io.dp4tl.api.data.TrainingSignals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code .npy} inputs of one {@code select} run (each may be absent), read and checked against
 * each other, so that a mismatch is reported with the option and file it came from.
 *
 * @param targetLogits {@code --target-logits}: m x S floats
 * @param targetFeatures {@code --target-features}: m x d floats
 * @param targetLabels {@code --target-labels}: m integers (label-aware scorers such as lm-coverage)
 * @param sourceLabels {@code --source-labels}: n integers
 * @param sourceFeatures {@code --source-features}: n x d floats
 * @param sourceGroups {@code --source-groups}: n integers
 * @param sourceLogits {@code --source-logits}: R files of n x S floats (may be empty)
 * @param runFeatures {@code --source-features} of grand: R files of n x d floats, one per logits
 *     file (may be empty)
 * @param sourceCorrectness {@code --source-correctness}: epochs x n, 0 or 1
 */
record InputFiles(
    Path targetLogits, Path targetFeatures, Path targetLabels, Path sourceLabels, Path sourceFeatures, Path sourceGroups,
    List<Path> sourceLogits, List<Path> runFeatures, Path sourceCorrectness) {

  /** The target and source built from the files. */
  record Inputs(TargetData target, SourceData source) {}

  /**
   * Reads every given file (memory-mapped where it is a matrix) and checks that they describe one
   * target and one source.
   *
   * @throws InvalidInputException if a file is missing or malformed, counts or widths disagree,
   *     or an id is out of range
   */
  Inputs read() {
    FloatMatrix logits = targetLogits == null ? null : Npy.readMatrix(targetLogits, "target logits");
    FloatMatrix tFeatures = targetFeatures == null ? null : Npy.readMatrix(targetFeatures, "target features");
    int[] tLabels = targetLabels == null ? null : Npy.readInts(targetLabels, "target labels");
    int[] labels = sourceLabels == null ? null : Npy.readInts(sourceLabels, "source labels");
    FloatMatrix sFeatures = sourceFeatures == null ? null : Npy.readMatrix(sourceFeatures, "source features");
    int[] groups = sourceGroups == null ? null : Npy.readInts(sourceGroups, "source groups");

    if (logits != null && tFeatures != null && logits.rows() != tFeatures.rows()) {
      throw mismatch("--target-logits", targetLogits, logits.rows() + " rows", "--target-features", targetFeatures,
          tFeatures.rows() + " rows", "both must list the same target samples in the same order");
    }
    FloatMatrix tMatrix = logits != null ? logits : tFeatures;
    Path tFile = logits != null ? targetLogits : targetFeatures;
    if (tLabels != null && tMatrix != null && tLabels.length != tMatrix.rows()) {
      throw mismatch("--target-labels", targetLabels, tLabels.length + " entries",
          logits != null ? "--target-logits" : "--target-features", tFile, tMatrix.rows() + " rows",
          "both must list the same target samples in the same order");
    }
    if (tLabels != null) {
      checkIds(tLabels, "--target-labels", targetLabels, "label", null, "");
    }
    String sameSource = "both must list the same source samples in the same order";
    if (labels != null && sFeatures != null && labels.length != sFeatures.rows()) {
      throw mismatch("--source-labels", sourceLabels, labels.length + " entries", "--source-features", sourceFeatures,
          sFeatures.rows() + " rows", sameSource);
    }
    if (groups != null && sFeatures != null && groups.length != sFeatures.rows()) {
      throw mismatch("--source-groups", sourceGroups, groups.length + " entries", "--source-features", sourceFeatures,
          sFeatures.rows() + " rows", sameSource);
    }
    if (groups != null && labels != null && groups.length != labels.length) {
      throw mismatch("--source-groups", sourceGroups, groups.length + " entries", "--source-labels", sourceLabels,
          labels.length + " entries", sameSource);
    }
    if (tFeatures != null && sFeatures != null && tFeatures.cols() != sFeatures.cols()) {
      throw mismatch("--target-features", targetFeatures, tFeatures.cols() + " columns", "--source-features",
          sourceFeatures, sFeatures.cols() + " columns", "both must come from the same feature extractor");
    }
    if (groups != null) {
      checkIds(groups, "--source-groups", sourceGroups, "group", null, "");
    }

    TargetData.Builder target = TargetData.builder();
    if (logits != null) {
      target.logits(logits);
    }
    if (tFeatures != null) {
      target.features(tFeatures);
    }
    if (tLabels != null) {
      target.labels(tLabels);
    }
    SourceData.Builder source = SourceData.builder();
    if (labels != null) {
      if (logits != null) {
        checkIds(labels, "--source-labels", sourceLabels, "label", logits.cols(), ": --target-logits " + targetLogits
            + " has " + logits.cols() + " columns, one per source class");
        source.labels(labels, logits.cols());
      } else {
        checkIds(labels, "--source-labels", sourceLabels, "label", null, "");
        source.labels(labels);
      }
    }
    if (groups != null) {
      source.groups(groups);
    }
    if (sFeatures != null) {
      source.features(sFeatures);
    }
    if (!sourceLogits.isEmpty() || sourceCorrectness != null) {
      source.signals(signals(labels, groups, sFeatures));
    }
    boolean noTarget = logits == null && tFeatures == null && tLabels == null;
    return new Inputs(noTarget ? TargetData.none() : target.build(), source.build());
  }

  /**
   * The training signals: every logits and feature file against the first logits file and the
   * labels, the correctness against the source's sample count.
   */
  private TrainingSignals signals(int[] labels, int[] groups, FloatMatrix sFeatures) {
    if (!runFeatures.isEmpty() && runFeatures.size() != sourceLogits.size()) {
      throw new InvalidInputException("--source-logits gives " + sourceLogits.size() + " files (" + names(sourceLogits)
          + ") but --source-features gives " + runFeatures.size() + " (" + names(runFeatures)
          + "); give one feature file per logits file, in the same order");
    }
    List<FloatMatrix> logits = new ArrayList<>();
    for (Path file : sourceLogits) {
      FloatMatrix z = Npy.readMatrix(file, "source logits");
      if (!logits.isEmpty() && (z.rows() != logits.get(0).rows() || z.cols() != logits.get(0).cols())) {
        throw mismatch("--source-logits", file, z.rows() + " x " + z.cols(), "--source-logits", sourceLogits.get(0),
            logits.get(0).rows() + " x " + logits.get(0).cols(), "every run scores the same samples over the same"
                + " classes");
      }
      if (labels != null && z.rows() != labels.length) {
        throw mismatch("--source-logits", file, z.rows() + " rows", "--source-labels", sourceLabels,
            labels.length + " entries", "both must list the same source samples in the same order");
      }
      logits.add(z);
    }
    if (labels != null && !logits.isEmpty()) {
      checkIds(labels, "--source-labels", sourceLabels, "label", logits.get(0).cols(), ": --source-logits "
          + sourceLogits.get(0) + " has " + logits.get(0).cols() + " columns, one per source class");
    }
    List<FloatMatrix> features = new ArrayList<>();
    for (int r = 0; r < runFeatures.size(); r++) {
      FloatMatrix h = Npy.readMatrix(runFeatures.get(r), "source features");
      if (h.rows() != logits.get(r).rows()) {
        throw mismatch("--source-features", runFeatures.get(r), h.rows() + " rows", "--source-logits",
            sourceLogits.get(r), logits.get(r).rows() + " rows", "both must list the same source samples in the"
                + " same order");
      }
      features.add(h);
    }
    FloatMatrix correctness = null;
    if (sourceCorrectness != null) {
      correctness = Npy.readNumericMatrix(sourceCorrectness, "source correctness");
      Integer n = labels != null ? Integer.valueOf(labels.length) : groups != null ? Integer.valueOf(groups.length)
          : sFeatures != null ? Integer.valueOf(sFeatures.rows()) : null;
      if (n != null && correctness.cols() != n) {
        throw new InvalidInputException("--source-correctness " + sourceCorrectness + " has " + correctness.cols()
            + " columns but the source has " + n + " samples; give epochs x samples, one column per source sample");
      }
    }
    return new TrainingSignals(logits, features, correctness);
  }

  private static String names(List<Path> files) {
    return files.stream().map(Path::toString).collect(Collectors.joining(", "));
  }

  /** Every id must be non-negative and, when {@code bound} is given, below it. */
  private static void checkIds(int[] ids, String option, Path file, String what, Integer bound, String why) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || (bound != null && ids[i] >= bound)) {
        String range = bound == null ? "negative" : "outside [0, " + bound + ")";
        throw new InvalidInputException(option + " " + file + ": " + what + " " + ids[i] + " at row " + i + " is "
            + range + why);
      }
    }
  }

  private static InvalidInputException mismatch(
      String option, Path file, String found, String otherOption, Path otherFile, String otherFound, String why) {
    return new InvalidInputException(option + " " + file + " has " + found + " but " + otherOption + " " + otherFile
        + " has " + otherFound + "; " + why);
  }
}
