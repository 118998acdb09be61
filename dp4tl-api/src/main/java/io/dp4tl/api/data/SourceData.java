package io.dp4tl.api.data;

import static com.google.common.base.Preconditions.checkState;

import io.dp4tl.api.InvalidInputException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The SOURCE dataset as dp4tl sees it: a sample count plus whatever is known per sample: class
 * labels, user-given groups (clusters), features, and the images themselves (for a surrogate or a
 * trainer to read). Arrays are held, not copied: do not modify them afterwards.
 */
public final class SourceData {
  private final String name;
  private final int sampleCount;
  private final int[] labels;
  private final Integer classCount;
  private final int[] groups;
  private final FloatMatrix features;
  private final ImageSet images;
  private final TrainingSignals signals;

  private SourceData(Builder b) {
    this.name = b.name;
    this.labels = b.labels;
    this.classCount = b.classCount;
    this.groups = b.groups;
    this.features = b.features;
    this.images = b.images;
    this.signals = b.signals;
    Integer n = null;
    n = agree(n, labels == null ? null : labels.length, "labels");
    n = agree(n, groups == null ? null : groups.length, "groups");
    n = agree(n, features == null ? null : features.rows(), "features (rows)");
    n = agree(n, images == null ? null : images.size(), "images");
    n = agree(n, signals == null ? null : signals.sampleCount(), "training signals");
    if (n == null) {
      throw new InvalidInputException(
          "source '" + name + "' has no data: give labels, groups, features, images or training signals");
    }
    if (n == 0) {
      throw new InvalidInputException("source '" + name + "' is empty (0 samples)");
    }
    this.sampleCount = n;
    if (labels != null) {
      checkIds(labels, classCount, "label");
    }
    if (groups != null) {
      checkIds(groups, null, "group");
    }
  }

  private Integer agree(Integer n, Integer m, String what) {
    return SampleCounts.agree(n, m, "source '" + name + "'", what);
  }

  private void checkIds(int[] ids, Integer bound, String what) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || (bound != null && ids[i] >= bound)) {
        throw new InvalidInputException(
            "source '" + name + "': " + what + " " + ids[i] + " at row " + i + " is out of range"
                + (bound == null ? " (must be >= 0)" : " [0, " + bound + ")"));
      }
    }
  }

  /** A fresh builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A source described by class labels only (enough for Label Mapping from logits). */
  public static SourceData ofLabels(int[] labels) {
    return builder().labels(labels).build();
  }

  /** Name used in messages and provenance. */
  public String name() {
    return name;
  }

  /** Number of samples. */
  public int sampleCount() {
    return sampleCount;
  }

  /** Class label per sample, if known. */
  public Optional<int[]> labels() {
    return Optional.ofNullable(labels);
  }

  /** Number of classes if stated explicitly (else the scorer infers it from the model). */
  public OptionalInt classCount() {
    return classCount == null ? OptionalInt.empty() : OptionalInt.of(classCount);
  }

  /** User-given group (cluster) per sample, if any. */
  public Optional<int[]> groups() {
    return Optional.ofNullable(groups);
  }

  /** Precomputed per-sample features, if any. */
  public Optional<FloatMatrix> features() {
    return Optional.ofNullable(features);
  }

  /** The images, if the source is given as images. */
  public Optional<ImageSet> images() {
    return Optional.ofNullable(images);
  }

  /** What a model trained on this source recorded per sample (for the sample-level baselines), if given. */
  public Optional<TrainingSignals> signals() {
    return Optional.ofNullable(signals);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("SourceData[").append(name).append(", ").append(sampleCount).append(" samples");
    if (labels != null) {
      s.append(", labels");
    }
    if (groups != null) {
      s.append(", groups");
    }
    if (features != null) {
      s.append(", features ").append(features.cols()).append("-d");
    }
    if (images != null) {
      s.append(", images");
    }
    if (signals != null) {
      s.append(", training signals");
    }
    return s.append(']').toString();
  }

  /** Collects the parts of a {@link SourceData}; each may be set once. */
  public static final class Builder {
    private String name = "source";
    private boolean nameSet;
    private int[] labels;
    private Integer classCount;
    private int[] groups;
    private FloatMatrix features;
    private ImageSet images;
    private TrainingSignals signals;

    private Builder() {}

    /**
     * @throws IllegalStateException if set twice
     */
    public Builder name(String name) {
      checkState(!nameSet, "name is already set");
      this.name = name;
      nameSet = true;
      return this;
    }

    /**
     * Class label per sample; the class count is taken from the model (logit width).
     *
     * @throws IllegalStateException if labels are already set
     */
    public Builder labels(int[] labels) {
      checkState(this.labels == null, "labels are already set");
      this.labels = labels;
      return this;
    }

    /**
     * Class label per sample with an explicit class count.
     *
     * @throws IllegalStateException if labels are already set
     * @throws IllegalArgumentException if classCount is below 1
     */
    public Builder labels(int[] labels, int classCount) {
      if (classCount < 1) {
        throw new IllegalArgumentException("classCount must be at least 1, got " + classCount);
      }
      labels(labels);
      this.classCount = classCount;
      return this;
    }

    /**
     * User-given group (cluster) per sample, for Feature Mapping with given groups.
     *
     * @throws IllegalStateException if groups are already set
     */
    public Builder groups(int[] groups) {
      checkState(this.groups == null, "groups are already set");
      this.groups = groups;
      return this;
    }

    /**
     * Precomputed per-sample features (for Feature Mapping without a surrogate).
     *
     * @throws IllegalStateException if features are already set
     */
    public Builder features(FloatMatrix features) {
      checkState(this.features == null, "features are already set");
      this.features = features;
      return this;
    }

    /**
     * The source images; their labels become the source labels unless labels are set.
     *
     * @throws IllegalStateException if images are already set
     */
    public Builder images(ImageSet images) {
      checkState(this.images == null, "images are already set");
      this.images = images;
      return this;
    }

    /**
     * What a model trained on this source recorded per sample: logits and penultimate features of
     * R runs, per-epoch correctness (for {@code el2n}, {@code grand}, {@code forgetting}).
     *
     * @throws IllegalStateException if signals are already set
     */
    public Builder signals(TrainingSignals signals) {
      checkState(this.signals == null, "training signals are already set");
      this.signals = signals;
      return this;
    }

    /**
     * @throws InvalidInputException if nothing is set, sizes disagree, or an id is out of range
     */
    public SourceData build() {
      if (labels == null && images != null && !images.classNames().isEmpty()) {
        labels = images.labels();
        classCount = images.classNames().size();
      }
      return new SourceData(this);
    }
  }
}
