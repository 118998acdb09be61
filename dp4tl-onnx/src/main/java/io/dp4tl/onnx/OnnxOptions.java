package io.dp4tl.onnx;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import io.dp4tl.core.image.Preprocessing;

/**
 * How {@link OnnxBackend} runs a model.
 *
 * @param intraOpThreads ONNX Runtime intra-op threads (default 1: the encoding thread needs a core
 *     too)
 * @param spinning whether idle ORT threads spin ({@code session.intra_op.allow_spinning}); off by
 *     default so that they do not steal cores from encoding and other work
 * @param logitsOutput name of the output that gives logits; {@code null}: the model's only output
 *     if it has exactly one, else none
 * @param featuresOutput name of the output that gives features, or {@code null} for none
 * @param maxBatch most samples per ORT call; larger batches are run in parts (default 64)
 * @param preprocessing how images become input floats ({@link OnnxBackend#encode})
 * @param logitsReduction per-sample reduction of the logits output (default
 *     {@link OutputReduction#flatten()})
 * @param featuresReduction per-sample reduction of the features output (default
 *     {@link OutputReduction#flatten()})
 */
public record OnnxOptions(
    int intraOpThreads,
    boolean spinning,
    String logitsOutput,
    String featuresOutput,
    int maxBatch,
    Preprocessing preprocessing,
    OutputReduction logitsReduction,
    OutputReduction featuresReduction) {

  /**
   * @throws IllegalArgumentException if threads or maxBatch is below 1, or an output name is blank
   *     or both outputs name the same tensor
   */
  public OnnxOptions {
    checkArgument(intraOpThreads >= 1, "intraOpThreads must be >= 1, got %s", intraOpThreads);
    checkArgument(maxBatch >= 1, "maxBatch must be >= 1, got %s", maxBatch);
    checkArgument(logitsOutput == null || !logitsOutput.isBlank(), "logitsOutput must not be blank");
    checkArgument(featuresOutput == null || !featuresOutput.isBlank(), "featuresOutput must not be blank");
    requireNonNull(preprocessing, "preprocessing");
    requireNonNull(logitsReduction, "logitsReduction");
    requireNonNull(featuresReduction, "featuresReduction");
  }

  /** A builder with the defaults above. */
  public static Builder builder(Preprocessing preprocessing) {
    return new Builder(requireNonNull(preprocessing, "preprocessing"));
  }

  /** Collects {@link OnnxOptions}; each setting may be made once. */
  public static final class Builder {
    private final Preprocessing preprocessing;
    private Integer threads;
    private Boolean spinning;
    private String logits;
    private String features;
    private Integer maxBatch;
    private OutputReduction logitsReduction;
    private OutputReduction featuresReduction;

    private Builder(Preprocessing preprocessing) {
      this.preprocessing = preprocessing;
    }

    /** ORT intra-op threads. @throws IllegalStateException if set twice */
    public Builder intraOpThreads(int n) {
      checkState(threads == null, "intraOpThreads is already set");
      threads = n;
      return this;
    }

    /** Whether idle ORT threads spin. @throws IllegalStateException if set twice */
    public Builder spinning(boolean on) {
      checkState(spinning == null, "spinning is already set");
      spinning = on;
      return this;
    }

    /** The output that gives logits, and how each sample's slice becomes a row. @throws IllegalStateException if set twice */
    public Builder logits(String output, OutputReduction reduction) {
      checkState(logits == null, "logits output is already set");
      logits = requireNonNull(output, "output");
      logitsReduction = requireNonNull(reduction, "reduction");
      return this;
    }

    /** The output that gives features, and how each sample's slice becomes a row. @throws IllegalStateException if set twice */
    public Builder features(String output, OutputReduction reduction) {
      checkState(features == null, "features output is already set");
      features = requireNonNull(output, "output");
      featuresReduction = requireNonNull(reduction, "reduction");
      return this;
    }

    /** Most samples per ORT call. @throws IllegalStateException if set twice */
    public Builder maxBatch(int n) {
      checkState(maxBatch == null, "maxBatch is already set");
      maxBatch = n;
      return this;
    }

    /** @throws IllegalArgumentException as the record's constructor */
    public OnnxOptions build() {
      checkArgument(logits == null || !logits.equals(features), "logits and features both name output '%s'", logits);
      return new OnnxOptions(
          threads == null ? 1 : threads,
          spinning != null && spinning,
          logits,
          features,
          maxBatch == null ? 64 : maxBatch,
          preprocessing,
          logitsReduction == null ? OutputReduction.flatten() : logitsReduction,
          featuresReduction == null ? OutputReduction.flatten() : featuresReduction);
    }
  }
}
