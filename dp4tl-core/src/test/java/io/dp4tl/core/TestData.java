package io.dp4tl.core;

import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.Image;
import io.dp4tl.api.data.ImageSet;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

/** Seeded synthetic data for tests. */
public final class TestData {
  private TestData() {}

  /** An n x d matrix of standard normal values. */
  public static FloatMatrix gaussian(int n, int d, long seed) {
    Random random = new Random(seed);
    float[] values = new float[n * d];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return FloatMatrix.of(values, n, d);
  }

  /**
   * {@code perBlob} points around each of {@code blobs} centres spaced 100 apart on the diagonal,
   * with noise of standard deviation 1; rows are interleaved (row i belongs to blob i % blobs).
   */
  public static FloatMatrix blobs(int blobs, int perBlob, int d, long seed) {
    Random random = new Random(seed);
    int n = blobs * perBlob;
    float[] values = new float[n * d];
    for (int i = 0; i < n; i++) {
      int b = i % blobs;
      for (int j = 0; j < d; j++) {
        values[i * d + j] = (float) ((j % blobs == b ? 100.0 : 0.0) + random.nextGaussian());
      }
    }
    return FloatMatrix.of(values, n, d);
  }

  /** A copy of {@code m} with {@code value} at (row, col). */
  public static FloatMatrix with(FloatMatrix m, int row, int col, float value) {
    float[] values = new float[m.rows() * m.cols()];
    m.copyRows(0, m.rows(), values, 0);
    values[row * m.cols() + col] = value;
    return FloatMatrix.of(values, m.rows(), m.cols());
  }

  /**
   * An unlabelled set of {@code n} tiny grey images; {@code onRead} sees every index read and may
   * throw.
   */
  public static ImageSet images(int n, IntConsumer onRead) {
    return new ImageSet() {
      @Override
      public int size() {
        return n;
      }

      @Override
      public Image image(int index) {
        onRead.accept(index);
        return new Image(2, 2, 1, new byte[] {(byte) index, 0, 0, 0});
      }

      @Override
      public int label(int index) {
        return -1;
      }

      @Override
      public List<String> classNames() {
        return List.of();
      }

      @Override
      public String fingerprint() {
        return "test-images-" + n;
      }
    };
  }
}
