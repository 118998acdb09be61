package io.dp4tl.cli;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.core.io.HeapCheck;
import io.dp4tl.core.io.Npy;
import io.dp4tl.core.io.NpyArray;
import java.nio.file.Path;

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
 */
record InputFiles(
    Path targetLogits, Path targetFeatures, Path targetLabels, Path sourceLabels, Path sourceFeatures, Path sourceGroups) {

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
    NpyArray tLabelArray = targetLabels == null ? null : Npy.read(targetLabels);
    NpyArray labelArray = sourceLabels == null ? null : Npy.read(sourceLabels);
    NpyArray groupArray = sourceGroups == null ? null : Npy.read(sourceGroups);
    FloatMatrix sFeatures = sourceFeatures == null ? null : Npy.readMatrix(sourceFeatures, "source features");
    checkHeap(tLabelArray, labelArray, groupArray);
    int[] tLabels = tLabelArray == null ? null : tLabelArray.toIntArray("target labels");
    int[] labels = labelArray == null ? null : labelArray.toIntArray("source labels");
    int[] groups = groupArray == null ? null : groupArray.toIntArray("source groups");

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
    return new Inputs(target.build(), source.build());
  }

  /**
   * The matrices stay memory-mapped; the integer vectors are loaded as int arrays, and the scorers
   * derive arrays of the same length from them (group sizes, kept masks). Checks before loading
   * that the heap holds both, so that a too small heap is reported with the size to give it.
   */
  private static void checkHeap(NpyArray... vectors) {
    long bytes = 0;
    StringBuilder what = new StringBuilder();
    for (NpyArray v : vectors) {
      if (v != null) {
        bytes += 2L * Integer.BYTES * v.size();
        what.append(what.length() == 0 ? "" : ", ").append(v.file().getFileName()).append(" (").append(v.size())
            .append(" entries)");
      }
    }
    if (bytes > 0) {
      HeapCheck.require(bytes, what.toString());
    }
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
