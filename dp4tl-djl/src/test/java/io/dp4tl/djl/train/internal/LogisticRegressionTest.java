package io.dp4tl.djl.train.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The L-BFGS solver against scikit-learn's {@code LogisticRegression} (multinomial, lbfgs, tol
 * 1e-10) on the data and penalties of {@code lp-reference.json}, written once by
 * {@code scripts/lp-reference.py}.
 */
class LogisticRegressionTest {

  @Test
  void matchesScikitLearnAtEveryPenalty() throws IOException {
    JsonNode ref = reference();
    int d = ref.get("dimension").asInt();
    int k = ref.get("classes").asInt();
    float[] x = floats(ref.get("features"));
    int[] y = ints(ref.get("labels"));
    LogisticRegression lr = new LogisticRegression(x, y, d, k);
    for (JsonNode c : ref.get("cases")) {
      double lambda = c.get("lambda").asDouble();
      LogisticRegression.Fit fit = lr.fit(lambda, 1e-9, 10_000);
      assertThat(fit.converged()).as("lambda %s converged", lambda).isTrue();
      assertThat(fit.gradientNorm()).isLessThanOrEqualTo(1e-9);
      double[] w = doubles(c.get("weights"));
      double[] b = doubles(c.get("intercepts"));
      double scale = 0;
      for (double v : w) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int i = 0; i < w.length; i++) {
        assertThat(fit.weights()[i]).as("lambda %s weight %s", lambda, i).isCloseTo(w[i], within(1e-5 * scale));
      }
      for (int i = 0; i < b.length; i++) {
        assertThat(fit.intercepts()[i]).as("lambda %s intercept %s", lambda, i).isCloseTo(b[i], within(1e-5 * scale));
      }
      double[] grad = new double[k * d + k];
      double[] params = new double[k * d + k];
      System.arraycopy(fit.weights(), 0, params, 0, k * d);
      System.arraycopy(fit.intercepts(), 0, params, k * d, k);
      assertThat(lr.evaluate(params, lambda, grad)).isCloseTo(c.get("objective").asDouble(), within(1e-9));
      assertThat(fit.accuracy(x, y, d)).isEqualTo(c.get("trainAccuracy").asDouble());
    }
  }

  @Test
  void sameDataSameWeightsAndWarmStartReachesTheSameSolution() throws IOException {
    JsonNode ref = reference();
    int d = ref.get("dimension").asInt();
    LogisticRegression lr =
        new LogisticRegression(floats(ref.get("features")), ints(ref.get("labels")), d, ref.get("classes").asInt());
    LogisticRegression.Fit a = lr.fit(0.01, 1e-8, 10_000);
    assertThat(lr.fit(0.01, 1e-8, 10_000).weights()).isEqualTo(a.weights());
    LogisticRegression.Fit warm = lr.fit(0.01, 1e-8, 10_000, lr.fit(0.1, 1e-8, 10_000));
    for (int i = 0; i < a.weights().length; i++) {
      assertThat(warm.weights()[i]).isCloseTo(a.weights()[i], within(1e-5));
    }
  }

  @Test
  void stopsAtTheIterationLimitAndSaysSo() throws IOException {
    JsonNode ref = reference();
    int d = ref.get("dimension").asInt();
    LogisticRegression lr =
        new LogisticRegression(floats(ref.get("features")), ints(ref.get("labels")), d, ref.get("classes").asInt());
    LogisticRegression.Fit fit = lr.fit(0.001, 1e-12, 3);
    assertThat(fit.iterations()).isEqualTo(3);
    assertThat(fit.converged()).isFalse();
  }

  @Test
  void refusesInconsistentInput() {
    assertThatThrownBy(() -> new LogisticRegression(new float[5], new int[] {0, 1}, 2, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features hold 5 values");
    assertThatThrownBy(() -> new LogisticRegression(new float[4], new int[] {0, 2}, 2, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 2 of sample 1");
    LogisticRegression lr = new LogisticRegression(new float[4], new int[] {0, 1}, 2, 2);
    assertThatThrownBy(() -> lr.fit(0, 1e-6, 10)).hasMessageContaining("lambda must be > 0");
  }

  private static JsonNode reference() throws IOException {
    try (InputStream in = LogisticRegressionTest.class.getResourceAsStream("/io/dp4tl/djl/train/lp-reference.json")) {
      assertThat(in).as("lp-reference.json on the test class path").isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }

  private static float[] floats(JsonNode a) {
    float[] r = new float[a.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) a.get(i).asDouble();
    }
    return r;
  }

  private static double[] doubles(JsonNode a) {
    double[] r = new double[a.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = a.get(i).asDouble();
    }
    return r;
  }

  private static int[] ints(JsonNode a) {
    int[] r = new int[a.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = a.get(i).asInt();
    }
    return r;
  }
}
