package io.dp4tl.api.data;

import static com.google.common.base.Preconditions.checkState;

import io.dp4tl.api.InvalidInputException;
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
    this.name = b.name;
    this.images = b.images;
    this.logits = b.logits;
    this.features = b.features;
    this.labels = b.labels;
    Integer n = null;
    n = agree(n, images == null ? null : images.size(), "images");
    n = agree(n, logits == null ? null : logits.rows(), "logits (rows)");
    n = agree(n, features == null ? null : features.rows(), "features (rows)");
    if (n == null) {
      throw new InvalidInputException(
          "target '" + name + "' has no data: give images, logits or features");
    }
    n = agree(n, labels == null ? null : labels.length, "labels");
    if (n == 0) {
      throw new InvalidInputException(
          "target '" + name + "' is empty (0 samples): a target needs at least one training sample");
    }
    this.sampleCount = n;
  }

  private Integer agree(Integer n, Integer m, String what) {
    return SampleCounts.agree(n, m, "target '" + name + "'", what);
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

  /** A target given by a surrogate's logits, computed beforehand (rows = samples). */
  public static TargetData ofLogits(FloatMatrix logits) {
    return builder().logits(logits).build();
  }

  /** A target given by features, computed beforehand (rows = samples). */
  public static TargetData ofFeatures(FloatMatrix features) {
    return builder().features(features).build();
  }

  /** A target given by its images; a surrogate computes logits or features. */
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

  /** Collects the parts of a {@link TargetData}; each may be set once. */
  public static final class Builder {
    private String name = "target";
    private boolean nameSet;
    private ImageSet images;
    private FloatMatrix logits;
    private FloatMatrix features;
    private int[] labels;

    private Builder() {}

    /** @throws IllegalStateException if set twice */
    public Builder name(String name) {
      checkState(!nameSet, "name is already set");
      this.name = name;
      nameSet = true;
      return this;
    }

    /** @throws IllegalStateException if set twice */
    public Builder images(ImageSet images) {
      checkState(this.images == null, "images are already set");
      this.images = images;
      return this;
    }

    /** @throws IllegalStateException if set twice */
    public Builder logits(FloatMatrix logits) {
      checkState(this.logits == null, "logits are already set");
      this.logits = logits;
      return this;
    }

    /** @throws IllegalStateException if set twice */
    public Builder features(FloatMatrix features) {
      checkState(this.features == null, "features are already set");
      this.features = features;
      return this;
    }

    /** @throws IllegalStateException if set twice */
    public Builder labels(int[] labels) {
      checkState(this.labels == null, "labels are already set");
      this.labels = labels;
      return this;
    }

    /** @throws InvalidInputException if nothing is set, sizes disagree or the target is empty */
    public TargetData build() {
      if (labels == null && images != null && !images.classNames().isEmpty()) {
        labels = images.labels();
      }
      return new TargetData(this);
    }
  }
}
