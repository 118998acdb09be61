package io.dp4tl.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.CancelledException;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.ModelException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.progress.Cancellation;
import io.dp4tl.api.progress.ProgressListener;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Batch;
import io.dp4tl.api.spi.ModelOutput;
import io.dp4tl.core.TestData;
import io.dp4tl.core.backend.ArrayBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InferencePassTest {
  private static final FloatMatrix LOGITS = TestData.gaussian(50, 6, 1);
  private static final FloatMatrix FEATURES = TestData.gaussian(50, 4, 2);

  @AfterEach
  void producerThreadIsGone() {
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("dp4tl-encode-") && t.isAlive());
  }

  @Test
  void collectsOutputsInSampleOrder() {
    List<Long> progress = new ArrayList<>();
    RunControl control = new RunControl(new ProgressListener() {
      @Override
      public void advanced(String task, long done, long total) {
        progress.add(done);
      }
    }, Cancellation.create());
    ArrayBackend backend = new ArrayBackend("arrays", LOGITS, FEATURES);
    InferencePass.Result r =
        new InferencePass(backend, TestData.images(50, i -> {}), "target", true, true, 7).run(control);
    assertThat(values(r.logits().orElseThrow())).containsExactly(values(LOGITS));
    assertThat(values(r.features().orElseThrow())).containsExactly(values(FEATURES));
    assertThat(progress).containsExactly(7L, 14L, 21L, 28L, 35L, 42L, 49L, 50L);
  }

  @Test
  void collectsOnlyWhatIsAskedFor() {
    ArrayBackend backend = new ArrayBackend("arrays", null, FEATURES);
    InferencePass.Result r =
        new InferencePass(backend, TestData.images(50, i -> {}), "source", false, true, 64).run(RunControl.none());
    assertThat(r.logits()).isEmpty();
    assertThat(values(r.features().orElseThrow())).containsExactly(values(FEATURES));
    assertThatThrownBy(() -> new InferencePass(backend, TestData.images(50, i -> {}), "target", true, false, 8))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("gives no logits");
  }

  @Test
  void cancellationStopsThePass() {
    Cancellation cancellation = Cancellation.create();
    List<Integer> read = new ArrayList<>();
    RunControl control = new RunControl(new ProgressListener() {
      @Override
      public void advanced(String task, long done, long total) {
        cancellation.cancel();
      }
    }, cancellation);
    ArrayBackend backend = new ArrayBackend("arrays", LOGITS, null);
    InferencePass pass = new InferencePass(backend, TestData.images(50, i -> {
      synchronized (read) {
        read.add(i);
      }
    }), "target", true, false, 5);
    assertThatThrownBy(() -> pass.run(control)).isInstanceOf(CancelledException.class);
    synchronized (read) {
      assertThat(read.size()).isLessThan(50);
    }
  }

  @Test
  void aFailingImageStopsThePassNamingItsIndex() {
    ArrayBackend backend = new ArrayBackend("arrays", LOGITS, null);
    InferencePass pass = new InferencePass(backend, TestData.images(50, i -> {
      if (i == 23) {
        throw new InvalidInputException("cannot decode img_23.png");
      }
    }), "target", true, false, 4);
    assertThatThrownBy(() -> pass.run(RunControl.none()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("target sample 23")
        .hasMessageContaining("img_23.png");
  }

  @Test
  void aFailingModelStopsThePassNamingTheBatch() {
    ArrayBackend arrays = new ArrayBackend("arrays", LOGITS, null);
    ArrayBackendThatFails backend = new ArrayBackendThatFails(arrays, 16);
    InferencePass pass = new InferencePass(backend, TestData.images(50, i -> {}), "target", true, false, 8);
    assertThatThrownBy(() -> pass.run(RunControl.none()))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("target samples [16, 24)")
        .hasMessageContaining("out of memory");
  }

  private static float[] values(FloatMatrix m) {
    float[] v = new float[m.rows() * m.cols()];
    m.copyRows(0, m.rows(), v, 0);
    return v;
  }

  /** Delegates to an ArrayBackend but fails on the batch starting at a given sample. */
  private static final class ArrayBackendThatFails implements io.dp4tl.api.spi.ModelBackend {
    private final ArrayBackend delegate;
    private final int failAt;

    ArrayBackendThatFails(ArrayBackend delegate, int failAt) {
      this.delegate = delegate;
      this.failAt = failAt;
    }

    @Override
    public io.dp4tl.api.spi.ModelInfo info() {
      return delegate.info();
    }

    @Override
    public void encode(io.dp4tl.api.data.Image image, float[] dst, int offset) {
      delegate.encode(image, dst, offset);
    }

    @Override
    public ModelOutput run(Batch batch) {
      if (batch.sampleIndices()[0] == failAt) {
        throw new ModelException("out of memory");
      }
      return delegate.run(batch);
    }

    @Override
    public void close() {}
  }
}
