package io.dp4tl.api.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * One batch for {@link ModelBackend#run}: which samples, and their encoded input.
 *
 * @param sampleIndices index of each row in the dataset being scored (in-memory backends look rows
 *     up by it)
 * @param input {@code sampleIndices.length * inputElements} floats, row after row; may be longer
 *     (a reused buffer), only the prefix counts
 * @param wantLogits whether logits are needed
 * @param wantFeatures whether features are needed
 */
public record Batch(int[] sampleIndices, float[] input, boolean wantLogits, boolean wantFeatures) {

  public Batch {
    requireNonNull(sampleIndices, "sampleIndices");
    requireNonNull(input, "input");
    checkArgument(wantLogits || wantFeatures, "a batch must ask for logits or features");
  }

  /** Number of samples in the batch. */
  public int size() {
    return sampleIndices.length;
  }
}
