package io.dp4tl.api.data;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.spi.ArrayReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The SOURCE dataset as dp4tl sees it: a sample count plus whatever is known per sample: class
 * labels, user-given groups (clusters), features, and the images themselves (for a surrogate or a
 * trainer to read). Labels and groups are {@link IntColumn}s: an {@code int[]} is copied once, a file
 * is memory-mapped in the width it was stored in (nothing on the heap); matrices are held, not
 * copied: do not modify them afterwards.
 */
public final class SourceData {
  private final String name;
  private final int sampleCount;
  private final IntColumn labels;
  private final Integer classCount;
  private final IntColumn groups;
  private final FloatMatrix features;
  private final ImageSet images;
  private final TrainingSignals signals;

  private SourceData(Builder b) {
    this.name = b.name != null ? b.name : b.files.isEmpty() ? "source" : String.join(" + ", b.files);
    this.labels = b.labels;
    this.classCount = b.classCount;
    this.groups = b.groups;
    this.features = b.features;
    this.images = b.images;
    this.signals = b.signals;
    SampleCounts counts = new SampleCounts("source '" + name + "'");
    counts.add(labels == null ? null : labels.size(), SampleCounts.part("labels", b.labelsFile));
    counts.add(groups == null ? null : groups.size(), SampleCounts.part("groups", b.groupsFile));
    counts.add(features == null ? null : features.rows(), SampleCounts.part("features (rows)", b.featuresFile));
    counts.add(images == null ? null : images.size(), "images");
    counts.add(signals == null ? null : signals.sampleCount(), String.valueOf(signals));
    if (counts.count() == null) {
      throw new InvalidInputException(
          "source '" + name + "' has no data: give labels, groups, features, images or training signals");
    }
    if (counts.count() == 0) {
      throw new InvalidInputException("source '" + name + "' is empty (0 samples)");
    }
    this.sampleCount = counts.count();
    if (labels != null) {
      checkIds(labels, classCount, SampleCounts.part("labels", b.labelsFile), "label");
    }
    if (groups != null) {
      checkIds(groups, null, SampleCounts.part("groups", b.groupsFile), "group");
    }
  }

  private void checkIds(IntColumn ids, Integer bound, String part, String what) {
    int i = ids.firstRowOutside(0, bound == null ? Integer.MAX_VALUE : bound);
    if (i >= 0) {
      throw new InvalidInputException(
          "source '" + name + "': " + what + " " + ids.get(i) + " at row " + i + " of " + part + " is out of range"
              + (bound != null ? " [0, " + bound + ") of the " + bound + " source classes"
                  : ids.get(i) < 0 ? " (must be >= 0)" : " (must be below " + Integer.MAX_VALUE + ")"));
    }
  }

  /** A fresh builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A source described by class labels only (enough for Label Mapping from logits); the array is
   * copied once.
   *
   * @throws InvalidInputException if there are none, or one is negative (naming its row)
   */
  public static SourceData ofLabels(int[] labels) {
    return builder().labels(labels).build();
  }

  /**
   * A source described by a file of class labels, e.g. an n-vector {@code .npy} (memory-mapped in its
   * stored width: uint8, int8, int16, uint16, int32 or int64).
   *
   * @throws InvalidInputException if the file cannot be read as an integer vector, is empty, or a
   *     label is negative (naming its row)
   */
  public static SourceData ofLabels(Path file) {
    return builder().labels(file).build();
  }

  /**
   * A source described by precomputed features only (rows = samples), for Feature Mapping with
   * {@code clusters(k)}.
   *
   * @throws InvalidInputException if there are no rows
   */
  public static SourceData ofFeatures(FloatMatrix features) {
    return builder().features(features).build();
  }

  /**
   * A source described by a file of features, e.g. an n x d {@code .npy} (memory-mapped).
   *
   * @throws InvalidInputException if the file cannot be read as a float matrix, or is empty
   */
  public static SourceData ofFeatures(Path file) {
    return builder().features(file).build();
  }

  /**
   * A source given by its images; their class names and labels become the source's classes.
   *
   * @throws InvalidInputException if there are no images
   */
  public static SourceData ofImages(ImageSet images) {
    return builder().images(images).build();
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
  public Optional<IntColumn> labels() {
    return Optional.ofNullable(labels);
  }

  /** Number of classes if stated explicitly (else the scorer infers it from the model). */
  public OptionalInt classCount() {
    return classCount == null ? OptionalInt.empty() : OptionalInt.of(classCount);
  }

  /** User-given group (cluster) per sample, if any. */
  public Optional<IntColumn> groups() {
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

  /**
   * Collects the parts of a {@link SourceData}; each may be set once, from memory or from a file
   * (read by the {@link ArrayReader} for its format: {@code .npy} with dp4tl-core). Without a
   * {@link #name}, the source is named after its files, else {@code "source"}.
   */
  public static final class Builder {
    private String name;
    private final List<String> files = new ArrayList<>();
    private IntColumn labels;
    private Path labelsFile;
    private Integer classCount;
    private IntColumn groups;
    private Path groupsFile;
    private FloatMatrix features;
    private Path featuresFile;
    private ImageSet images;
    private TrainingSignals signals;

    private Builder() {}

    /** The name used in messages and provenance. @throws IllegalStateException if set twice */
    public Builder name(String name) {
      checkState(this.name == null, "name is already set");
      this.name = requireNonNull(name, "name");
      return this;
    }

    /**
     * Class label per sample, copied once; the class count is taken from the model (logit width).
     *
     * @throws IllegalStateException if labels are already set
     */
    public Builder labels(int[] labels) {
      return labels(IntColumn.of(requireNonNull(labels, "labels")));
    }

    /**
     * Class label per sample (e.g. a memory-mapped column); the class count is taken from the model.
     *
     * @throws IllegalStateException if labels are already set
     */
    public Builder labels(IntColumn labels) {
      checkState(this.labels == null, "labels are already set");
      this.labels = requireNonNull(labels, "labels");
      return this;
    }

    /**
     * Class label per sample from a file of n integers (memory-mapped where the format allows); the
     * class count is taken from the model.
     *
     * @throws IllegalStateException if labels are already set
     * @throws InvalidInputException if the file cannot be read as an integer vector
     */
    public Builder labels(Path file) {
      checkState(this.labels == null, "labels are already set");
      labels(ArrayReader.forFile(file).readIntColumn(file, "source labels"));
      labelsFile = file;
      files.add(file.toString());
      return this;
    }

    /**
     * Class label per sample with an explicit class count.
     *
     * @throws IllegalStateException if labels are already set
     * @throws IllegalArgumentException if classCount is below 1
     */
    public Builder labels(int[] labels, int classCount) {
      return labels(IntColumn.of(requireNonNull(labels, "labels")), classCount);
    }

    /**
     * Class label per sample (e.g. a memory-mapped column) with an explicit class count.
     *
     * @throws IllegalStateException if labels are already set
     * @throws IllegalArgumentException if classCount is below 1
     */
    public Builder labels(IntColumn labels, int classCount) {
      if (classCount < 1) {
        throw new IllegalArgumentException("classCount must be at least 1, got " + classCount);
      }
      labels(labels);
      this.classCount = classCount;
      return this;
    }

    /**
     * User-given group (cluster) per sample, copied once, for Feature Mapping with given groups.
     *
     * @throws IllegalStateException if groups are already set
     */
    public Builder groups(int[] groups) {
      return groups(IntColumn.of(requireNonNull(groups, "groups")));
    }

    /**
     * User-given group (cluster) per sample (e.g. a memory-mapped column).
     *
     * @throws IllegalStateException if groups are already set
     */
    public Builder groups(IntColumn groups) {
      checkState(this.groups == null, "groups are already set");
      this.groups = requireNonNull(groups, "groups");
      return this;
    }

    /**
     * User-given group (cluster) per sample from a file of n integers (memory-mapped where the
     * format allows).
     *
     * @throws IllegalStateException if groups are already set
     * @throws InvalidInputException if the file cannot be read as an integer vector
     */
    public Builder groups(Path file) {
      checkState(this.groups == null, "groups are already set");
      groups(ArrayReader.forFile(file).readIntColumn(file, "source groups"));
      groupsFile = file;
      files.add(file.toString());
      return this;
    }

    /**
     * Precomputed per-sample features (for Feature Mapping without a surrogate).
     *
     * @throws IllegalStateException if features are already set
     */
    public Builder features(FloatMatrix features) {
      checkState(this.features == null, "features are already set");
      this.features = requireNonNull(features, "features");
      return this;
    }

    /**
     * Precomputed per-sample features from a file, n x d (memory-mapped where the format allows).
     *
     * @throws IllegalStateException if features are already set
     * @throws InvalidInputException if the file cannot be read as a float matrix
     */
    public Builder features(Path file) {
      features(ArrayReader.forFile(file).readMatrix(file, "source features"));
      featuresFile = file;
      files.add(file.toString());
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
     * @throws InvalidInputException if nothing is set, sizes disagree (naming both parts), or an id
     *     is out of range (naming its row)
     */
    public SourceData build() {
      if (labels == null && images != null && !images.classNames().isEmpty()) {
        labels = IntColumn.of(images.labels());
        classCount = images.classNames().size();
      }
      return new SourceData(this);
    }

    /** The parts set so far. */
    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      if (labels != null) {
        parts.add(labels.size() + " labels");
      }
      if (groups != null) {
        parts.add(groups.size() + " groups");
      }
      if (features != null) {
        parts.add("features " + features.rows() + " x " + features.cols());
      }
      if (images != null) {
        parts.add(images.size() + " images");
      }
      return "SourceData.Builder[" + (name != null ? "'" + name + "', " : "")
          + (parts.isEmpty() ? "nothing yet" : String.join(", ", parts))
          + "] -> build()";
    }
  }
}
