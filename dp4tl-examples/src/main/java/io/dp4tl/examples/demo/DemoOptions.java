package io.dp4tl.examples.demo;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.spi.FinetuneMode;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's grid and sizes, validated here.
 *
 * @param targets target names: {@code digits} (OpenCV handwritten digits) and/or {@code fashion}
 *     (Fashion-MNIST)
 * @param methods scorer names to compare (full-source pretraining and training from scratch always run)
 * @param ratios pruning ratios
 * @param seeds one full run of the grid per seed
 * @param sourceClasses glyph classes in the source (Latin, Greek, Cyrillic, then CJK)
 * @param samplesPerClass rendered images per source class
 * @param architecture pretrained network, e.g. {@code resnet-8}
 * @param width its base channel width
 * @param surrogateArchitecture the surrogate network that scores the source
 * @param surrogateEpochs epochs of the surrogate's training on the source (less a held-out image per class)
 * @param pretrainEpochs epochs of every pretraining (the same for full and pruned, as the paper)
 * @param finetuneEpochs epochs of every full finetuning (the linear probe fits to convergence)
 * @param threads CPU threads
 * @param reportDir where the report goes
 * @param modes finetuning modes to run ({@code LINEAR_PROBE} and/or {@code FULL}); training from
 *     scratch runs when {@code FULL} is among them
 * @param checkpointDir where every training keeps its checkpoints so that a rerun resumes, or
 *     {@code null} for none
 */
public record DemoOptions(
    List<String> targets,
    List<String> methods,
    List<Double> ratios,
    List<Long> seeds,
    int sourceClasses,
    int samplesPerClass,
    String architecture,
    int width,
    String surrogateArchitecture,
    int surrogateEpochs,
    int pretrainEpochs,
    int finetuneEpochs,
    int threads,
    Path reportDir,
    List<FinetuneMode> modes,
    Path checkpointDir) {

  /** @throws IllegalArgumentException if a list is empty or a value out of range */
  public DemoOptions {
    targets = List.copyOf(targets);
    methods = List.copyOf(methods);
    ratios = List.copyOf(ratios);
    seeds = List.copyOf(seeds);
    modes = List.copyOf(modes);
    checkArgument(!modes.isEmpty(), "give at least one finetuning mode");
    checkArgument(!targets.isEmpty() && !seeds.isEmpty(), "give at least one target and one seed");
    for (String t : targets) {
      checkArgument(t.equals("digits") || t.equals("fashion"), "unknown target '%s' (digits, fashion)", t);
    }
    for (double r : ratios) {
      checkArgument(r > 0 && r < 1, "ratios must be in (0, 1), got %s", r);
    }
    checkArgument(sourceClasses >= 10, "sourceClasses must be >= 10, got %s", sourceClasses);
    checkArgument(samplesPerClass >= 1, "samplesPerClass must be >= 1, got %s", samplesPerClass);
    checkArgument(width >= 1 && surrogateEpochs >= 1 && pretrainEpochs >= 1 && finetuneEpochs >= 1 && threads >= 1,
        "width, epochs and threads must be >= 1");
    requireNonNull(architecture, "architecture");
    requireNonNull(surrogateArchitecture, "surrogateArchitecture");
    requireNonNull(reportDir, "reportDir");
  }
}
