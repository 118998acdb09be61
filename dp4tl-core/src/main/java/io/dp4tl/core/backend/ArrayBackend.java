package io.dp4tl.core.backend;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import io.dp4tl.api.ModelException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.Image;
import io.dp4tl.api.spi.Batch;
import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.api.spi.ModelInfo;
import io.dp4tl.api.spi.ModelOutput;
import io.dp4tl.core.io.Xxh3Fingerprinter;
import java.nio.charset.StandardCharsets;

/**
 * A {@link ModelBackend} over precomputed outputs: row {@code i} of the logits and/or features
 * matrix is the output for sample {@code i} ({@link Batch#sampleIndices()}). It needs no pixels
 * (empty input shape; {@link #encode} writes nothing), so the whole pipeline can run without a
 * model file. Its fingerprint is the SHA-256 of the matrices' own fingerprints
 * ({@link Xxh3Fingerprinter}).
 */
public final class ArrayBackend implements ModelBackend {
  private static final Xxh3Fingerprinter FINGERPRINTER = new Xxh3Fingerprinter();
  private final FloatMatrix logits;
  private final FloatMatrix features;
  private final ModelInfo info;

  /**
   * @param name model name for messages and provenance
   * @param logits per-sample logits, or null
   * @param features per-sample features, or null
   * @throws IllegalArgumentException if both are null or their row counts differ
   */
  public ArrayBackend(String name, FloatMatrix logits, FloatMatrix features) {
    requireNonNull(name, "name");
    checkArgument(logits != null || features != null, "give logits, features or both");
    checkArgument(logits == null || features == null || logits.rows() == features.rows(),
        "logits have %s rows but features %s", logits == null ? 0 : logits.rows(),
        features == null ? 0 : features.rows());
    this.logits = logits;
    this.features = features;
    String fingerprint = Hashing.sha256()
        .hashString("logits:" + fingerprint(logits) + ";features:" + fingerprint(features), StandardCharsets.UTF_8)
        .toString();
    this.info = new ModelInfo(name, "array", "cpu", fingerprint, new int[0],
        logits == null ? 0 : logits.cols(), features == null ? 0 : features.cols());
  }

  private static String fingerprint(FloatMatrix m) {
    return m == null ? "-" : FINGERPRINTER.matrix(m, Runtime.getRuntime().availableProcessors());
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  /** Writes nothing: this backend looks outputs up by sample index. */
  @Override
  public void encode(Image image, float[] dst, int offset) {
    requireNonNull(image, "image");
  }

  /**
   * @throws ModelException if an output is asked for that this backend does not hold, or a sample
   *     index is outside its rows
   */
  @Override
  public ModelOutput run(Batch batch) {
    return new ModelOutput(
        batch.wantLogits() ? rows(logits, batch, "logits") : null,
        batch.wantFeatures() ? rows(features, batch, "features") : null);
  }

  private float[] rows(FloatMatrix m, Batch batch, String output) {
    if (m == null) {
      throw new ModelException(info.name() + " holds no " + output);
    }
    int w = m.cols();
    float[] out = new float[batch.size() * w];
    int[] indices = batch.sampleIndices();
    if (contiguous(indices) && indices[0] >= 0 && indices[indices.length - 1] < m.rows()) {
      m.copyRows(indices[0], indices.length, out, 0);
      return out;
    }
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= m.rows()) {
        throw new ModelException(info.name() + " has " + m.rows() + " rows of " + output + "; sample " + indices[i]
            + " is outside them");
      }
      m.copyRows(indices[i], 1, out, i * w);
    }
    return out;
  }

  private static boolean contiguous(int[] indices) {
    for (int i = 1; i < indices.length; i++) {
      if (indices[i] != indices[i - 1] + 1) {
        return false;
      }
    }
    return indices.length > 0;
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "ArrayBackend[" + info.name() + "]";
  }
}
