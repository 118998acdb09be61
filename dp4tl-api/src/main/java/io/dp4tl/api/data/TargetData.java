package io.dp4tl.api.data;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.spi.ArrayReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TARGET task's training samples as dp4tl sees them: images for a surrogate to run over, or
 * the surrogate's outputs computed beforehand (logits for Label Mapping, features for Feature
 * Mapping). Target labels are optional and never used by exact Label Mapping.
 */
public final class TargetData {
  private final String name;
  private final int sampleCount;
  private final ImageSet images;
  private final FloatMatrix logits;
  private final FloatMatrix features;
  private final int[] labels;

  private static final TargetData NONE = new TargetData();

  /** The empty target of {@link #none()}. */
  private TargetData() {
    this.name = "none";
    this.sampleCount = 0;
    this.images = null;
    this.logits = null;
    this.features = null;
    this.labels = null;
  }

  private TargetData(Builder b) {
    this.name = b.name != null ? b.name : b.files.isEmpty() ? "target" : String.join(" + ", b.files);
    this.images = b.images;
    this.logits = b.logits;
    this.features = b.features;
    this.labels = b.labels;
    SampleCounts counts = new SampleCounts("target '" + name + "'");
    counts.add(images == null ? null : images.size(), "images");
    counts.add(logits == null ? null : logits.rows(), SampleCounts.part("logits (rows)", b.logitsFile));
    counts.add(features == null ? null : features.rows(), SampleCounts.part("features (rows)", b.featuresFile));
    if (counts.count() == null) {
      throw new InvalidInputException(
          "target '" + name + "' has no data: give images, logits or features");
    }
    counts.add(labels == null ? null : labels.length, SampleCounts.part("labels", b.labelsFile));
    if (counts.count() == 0) {
      throw new InvalidInputException(
          "target '" + name + "' is empty (0 samples): a target needs at least one training sample");
    }
    this.sampleCount = counts.count();
    if (b.labelsGiven) {
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] < 0) {
          throw new InvalidInputException("target '" + name + "': label " + labels[i] + " at row " + i + " of "
              + SampleCounts.part("labels", b.labelsFile) + " is negative; classes are numbered from 0");
        }
      }
    }
  }

  /** A fresh builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * No target: for the sample-level baselines that ignore the target ({@code random-sample},
   * {@code el2n}, {@code grand}, {@code forgetting}, {@code moderate}). It has no samples; a
   * scorer that needs target evidence refuses it by saying what is missing.
   */
  public static TargetData none() {
    return NONE;
  }

  /**
   * A target given by a surrogate's logits, computed beforehand (rows = samples).
   *
   * @throws InvalidInputException if the target is empty
   */
  public static TargetData ofLogits(FloatMatrix logits) {
    return builder().logits(logits).build();
  }

  /**
   * A target given by a file of a surrogate's logits, e.g. an m x S {@code .npy} (memory-mapped).
   *
   * @throws InvalidInputException if the file cannot be read as a float matrix, or is empty
   */
  public static TargetData ofLogits(Path file) {
    return builder().logits(file).build();
  }

  /**
   * A target given by features, computed beforehand (rows = samples).
   *
   * @throws InvalidInputException if the target is empty
   */
  public static TargetData ofFeatures(FloatMatrix features) {
    return builder().features(features).build();
  }

  /**
   * A target given by a file of features, e.g. an m x d {@code .npy} (memory-mapped).
   *
   * @throws InvalidInputException if the file cannot be read as a float matrix, or is empty
   */
  public static TargetData ofFeatures(Path file) {
    return builder().features(file).build();
  }

  /**
   * A target given by its images; a surrogate computes logits or features.
   *
   * @throws InvalidInputException if there are no images
   */
  public static TargetData ofImages(ImageSet images) {
    return builder().images(images).build();
  }

  public String name() {
    return name;
  }

  public int sampleCount() {
    return sampleCount;
  }

  public Optional<ImageSet> images() {
    return Optional.ofNullable(images);
  }

  public Optional<FloatMatrix> logits() {
    return Optional.ofNullable(logits);
  }

  public Optional<FloatMatrix> features() {
    return Optional.ofNullable(features);
  }

  /** Target class per sample, if known (used only by label-aware scorers). */
  public Optional<int[]> labels() {
    return Optional.ofNullable(labels);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("TargetData[").append(name).append(", ").append(sampleCount).append(" samples");
    if (images != null) {
      s.append(", images");
    }
    if (logits != null) {
      s.append(", logits ").append(logits.cols()).append(" wide");
    }
    if (features != null) {
      s.append(", features ").append(features.cols()).append("-d");
    }
    return s.append(']').toString();
  }

  /**
   * Collects the parts of a {@link TargetData}; each may be set once, from memory or from a file
   * (read by the {@link ArrayReader} for its format: {@code .npy} with dp4tl-core). Without a
   * {@link #name}, the target is named after its files, else {@code "target"}.
   */
  public static final class Builder {
    private String name;
    private final List<String> files = new ArrayList<>();
    private ImageSet images;
    private FloatMatrix logits;
    private Path logitsFile;
    private FloatMatrix features;
    private Path featuresFile;
    private int[] labels;
    private boolean labelsGiven;
    private Path labelsFile;

    private Builder() {}

    /** The name used in messages and provenance. @throws IllegalStateException if set twice */
    public Builder name(String name) {
      checkState(this.name == null, "name is already set");
      this.name = requireNonNull(name, "name");
      return this;
    }

    /** @throws IllegalStateException if set twice */
    public Builder images(ImageSet images) {
      checkState(this.images == null, "images are already set");
      this.images = images;
      return this;
    }

    /** The surrogate's logits, m x S. @throws IllegalStateException if set twice */
    public Builder logits(FloatMatrix logits) {
      checkState(this.logits == null, "logits are already set");
      this.logits = requireNonNull(logits, "logits");
      return this;
    }

    /**
     * The surrogate's logits from a file, m x S (memory-mapped where the format allows).
     *
     * @throws IllegalStateException if set twice
     * @throws InvalidInputException if the file cannot be read as a float matrix
     */
    public Builder logits(Path file) {
      logits(ArrayReader.forFile(file).readMatrix(file, "target logits"));
      logitsFile = file;
      files.add(file.toString());
      return this;
    }

    /** Features, m x d. @throws IllegalStateException if set twice */
    public Builder features(FloatMatrix features) {
      checkState(this.features == null, "features are already set");
      this.features = requireNonNull(features, "features");
      return this;
    }

    /**
     * Features from a file, m x d (memory-mapped where the format allows).
     *
     * @throws IllegalStateException if set twice
     * @throws InvalidInputException if the file cannot be read as a float matrix
     */
    public Builder features(Path file) {
      features(ArrayReader.forFile(file).readMatrix(file, "target features"));
      featuresFile = file;
      files.add(file.toString());
      return this;
    }

    /**
     * The class of each target sample (read only by label-aware scorers).
     *
     * @throws IllegalStateException if set twice
     */
    public Builder labels(int[] labels) {
      checkState(this.labels == null, "labels are already set");
      this.labels = requireNonNull(labels, "labels");
      labelsGiven = true;
      return this;
    }

    /**
     * The class of each target sample, from a file of m integers.
     *
     * @throws IllegalStateException if set twice
     * @throws InvalidInputException if the file cannot be read as an integer vector
     */
    public Builder labels(Path file) {
      labels(ArrayReader.forFile(file).readInts(file, "target labels"));
      labelsFile = file;
      files.add(file.toString());
      return this;
    }

    /**
     * @throws InvalidInputException if nothing is set, sizes disagree (naming both parts), the
     *     target is empty or a label is negative (naming its row)
     */
    public TargetData build() {
      if (labels == null && images != null && !images.classNames().isEmpty()) {
        labels = images.labels();
      }
      return new TargetData(this);
    }

    /** The parts set so far. */
    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      if (images != null) {
        parts.add(images.size() + " images");
      }
      if (logits != null) {
        parts.add("logits " + logits.rows() + " x " + logits.cols());
      }
      if (features != null) {
        parts.add("features " + features.rows() + " x " + features.cols());
      }
      if (labels != null) {
        parts.add(labels.length + " labels");
      }
      return "TargetData.Builder[" + (name != null ? "'" + name + "', " : "")
          + (parts.isEmpty() ? "nothing yet" : String.join(", ", parts))
          + "] -> build()";
    }
  }
}
