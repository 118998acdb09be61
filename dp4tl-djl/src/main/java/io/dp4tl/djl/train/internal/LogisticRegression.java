package io.dp4tl.djl.train.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Multinomial logistic regression with an L2 penalty, fitted to convergence by L-BFGS: plain math
 * on float arrays, JDK only, single-threaded and therefore deterministic (same data and penalty,
 * same weights, bit for bit).
 *
 * <p>Objective over {@code n} samples {@code x_i} (rows of {@code d} features) with labels
 * {@code y_i} in {@code [0, K)}: {@code (1/n) sum_i -log softmax(W x_i + b)_{y_i} + (lambda / 2)
 * ||W||^2}, the intercepts {@code b} unpenalised. This is scikit-learn's
 * {@code LogisticRegression(C = 1 / (lambda n))} (multinomial, lbfgs) scaled by {@code 1 / (C n)},
 * so both have the same minimiser. The solver starts from zero, keeps the intercepts summing to
 * zero (their gradient sums to zero), and stops when the largest gradient component is at most
 * {@code tolerance}, or after {@code maxIterations} iterations (then {@link Fit#converged()} is
 * false). Steps are accepted by the Armijo rule, or near the optimum, where the objective's
 * decrease is below its rounding error, by Hager and Zhang's approximate Wolfe conditions (which
 * read the gradient, still exact there).
 */
public final class LogisticRegression {
  private static final int HISTORY = 10;
  private static final double ARMIJO = 1e-4;
  private static final double CURVATURE = 0.9;
  private static final int MAX_HALVINGS = 60;

  private final float[] x;
  private final int[] y;
  private final int n;
  private final int d;
  private final int k;

  /**
   * @param features {@code n * d} values, row-major
   * @param labels {@code n} classes in {@code [0, classes)}
   * @param dimension {@code d}
   * @param classes {@code K >= 2}
   * @throws IllegalArgumentException if the sizes disagree or a label is out of range
   */
  public LogisticRegression(float[] features, int[] labels, int dimension, int classes) {
    requireNonNull(features, "features");
    requireNonNull(labels, "labels");
    checkArgument(dimension >= 1 && classes >= 2, "need dimension >= 1 and classes >= 2, got %s, %s", dimension,
        classes);
    checkArgument(labels.length >= 1 && features.length == (long) labels.length * dimension,
        "features hold %s values, expected %s samples x %s", features.length, labels.length, dimension);
    for (int i = 0; i < labels.length; i++) {
      checkArgument(labels[i] >= 0 && labels[i] < classes, "label %s of sample %s is outside [0, %s)", labels[i], i,
          classes);
    }
    this.x = features;
    this.y = labels;
    this.n = labels.length;
    this.d = dimension;
    this.k = classes;
  }

  /**
   * A fitted model.
   *
   * @param weights {@code K * d} values, row-major (one row per class)
   * @param intercepts {@code K} values
   * @param iterations L-BFGS iterations taken
   * @param gradientNorm largest absolute gradient component at the end
   * @param converged whether the gradient reached the tolerance
   */
  public record Fit(double[] weights, double[] intercepts, int iterations, double gradientNorm, boolean converged) {
    /** Index of the highest score of row {@code row} of {@code features} ({@code dimension} wide). */
    public int predict(float[] features, int row, int dimension) {
      int classes = intercepts.length;
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double s = intercepts[c];
        for (int j = 0; j < dimension; j++) {
          s += weights[c * dimension + j] * features[row * dimension + j];
        }
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      return best;
    }

    /** Fraction of the {@code labels.length} rows of {@code features} predicted right. */
    public double accuracy(float[] features, int[] labels, int dimension) {
      int right = 0;
      for (int i = 0; i < labels.length; i++) {
        if (predict(features, i, dimension) == labels[i]) {
          right++;
        }
      }
      return (double) right / labels.length;
    }
  }

  /**
   * Fits from zero.
   *
   * @param lambda L2 penalty, {@code > 0}
   * @param tolerance stop when the largest gradient component is at most this
   * @param maxIterations at most this many L-BFGS iterations
   */
  public Fit fit(double lambda, double tolerance, int maxIterations) {
    return fit(lambda, tolerance, maxIterations, null);
  }

  /**
   * Fits from {@code start} (a previous fit, e.g. at a neighbouring penalty), or from zero when
   * {@code null}.
   *
   * @throws IllegalArgumentException if a setting is out of range or the start has other sizes
   */
  public Fit fit(double lambda, double tolerance, int maxIterations, Fit start) {
    checkArgument(lambda > 0 && Double.isFinite(lambda), "lambda must be > 0, got %s", lambda);
    checkArgument(tolerance > 0, "tolerance must be > 0, got %s", tolerance);
    checkArgument(maxIterations >= 1, "maxIterations must be >= 1, got %s", maxIterations);
    int p = k * d + k;
    double[] w = new double[p];
    if (start != null) {
      checkArgument(start.weights().length == k * d && start.intercepts().length == k, "start has other sizes");
      System.arraycopy(start.weights(), 0, w, 0, k * d);
      System.arraycopy(start.intercepts(), 0, w, k * d, k);
    }
    double[] g = new double[p];
    double f = evaluate(w, lambda, g);
    Deque<double[][]> history = new ArrayDeque<>();
    int iteration = 0;
    double gNorm = maxAbs(g);
    while (gNorm > tolerance && iteration < maxIterations) {
      double[] direction = direction(g, history);
      double slope = dot(direction, g);
      if (slope >= 0) {
        // Not a descent direction (numerical trouble): restart from steepest descent.
        history.clear();
        direction = negated(g);
        slope = dot(direction, g);
      }
      double step = history.isEmpty() ? Math.min(1, 1 / Math.sqrt(dot(g, g))) : 1;
      double[] next = new double[p];
      double[] nextG = new double[p];
      double nextF = f;
      boolean accepted = false;
      for (int tries = 0; tries < MAX_HALVINGS && !accepted; tries++) {
        for (int i = 0; i < p; i++) {
          next[i] = w[i] + step * direction[i];
        }
        nextF = evaluate(next, lambda, nextG);
        accepted = acceptable(f, slope, step, nextF, dot(nextG, direction));
        step *= 0.5;
      }
      if (!accepted) {
        break; // no progress possible at machine precision
      }
      double[] s = new double[p];
      double[] yv = new double[p];
      for (int i = 0; i < p; i++) {
        s[i] = next[i] - w[i];
        yv[i] = nextG[i] - g[i];
      }
      double sy = dot(s, yv);
      if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(yv, yv))) {
        if (history.size() == HISTORY) {
          history.removeFirst();
        }
        history.addLast(new double[][] {s, yv, {1 / sy}});
      }
      w = next;
      g = nextG;
      f = nextF;
      gNorm = maxAbs(g);
      iteration++;
    }
    double[] weights = new double[k * d];
    double[] intercepts = new double[k];
    System.arraycopy(w, 0, weights, 0, k * d);
    System.arraycopy(w, k * d, intercepts, 0, k);
    return new Fit(weights, intercepts, iteration, gNorm, gNorm <= tolerance);
  }

  /**
   * Armijo's sufficient decrease; or, when the objective is flat to within rounding, the approximate
   * Wolfe conditions {@code 0.9 slope <= slope(step) <= (2 * 1e-4 - 1) slope}.
   */
  private static boolean acceptable(double f, double slope, double step, double nextF, double nextSlope) {
    if (nextF <= f + ARMIJO * step * slope) {
      return true;
    }
    boolean flat = nextF <= f + 1e-12 * Math.abs(f);
    return flat && nextSlope >= CURVATURE * slope && nextSlope <= (2 * ARMIJO - 1) * slope;
  }

  /** The objective at {@code w}; writes its gradient into {@code grad}. */
  double evaluate(double[] w, double lambda, double[] grad) {
    java.util.Arrays.fill(grad, 0);
    double loss = 0;
    double[] scores = new double[k];
    int bOffset = k * d;
    for (int i = 0; i < n; i++) {
      int row = i * d;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double s = w[bOffset + c];
        int wr = c * d;
        for (int j = 0; j < d; j++) {
          s += w[wr + j] * x[row + j];
        }
        scores[c] = s;
        max = Math.max(max, s);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        scores[c] = Math.exp(scores[c] - max);
        sum += scores[c];
      }
      loss += Math.log(sum) + max - (Math.log(scores[y[i]]) + max);
      for (int c = 0; c < k; c++) {
        double r = scores[c] / sum - (c == y[i] ? 1 : 0);
        if (r != 0) {
          int wr = c * d;
          for (int j = 0; j < d; j++) {
            grad[wr + j] += r * x[row + j];
          }
          grad[bOffset + c] += r;
        }
      }
    }
    double penalty = 0;
    for (int i = 0; i < grad.length; i++) {
      grad[i] /= n;
      if (i < bOffset) {
        grad[i] += lambda * w[i];
        penalty += w[i] * w[i];
      }
    }
    return loss / n + 0.5 * lambda * penalty;
  }

  /** The L-BFGS two-loop recursion: an approximation of {@code -H^-1 g}. */
  private static double[] direction(double[] g, Deque<double[][]> history) {
    double[] q = negated(g);
    double[] alpha = new double[history.size()];
    int i = history.size() - 1;
    for (java.util.Iterator<double[][]> it = history.descendingIterator(); it.hasNext(); i--) {
      double[][] h = it.next();
      alpha[i] = h[2][0] * dot(h[0], q);
      axpy(-alpha[i], h[1], q);
    }
    if (!history.isEmpty()) {
      double[][] last = history.getLast();
      double gamma = 1 / (last[2][0] * dot(last[1], last[1]));
      for (int j = 0; j < q.length; j++) {
        q[j] *= gamma;
      }
    }
    i = 0;
    for (double[][] h : history) {
      double beta = h[2][0] * dot(h[1], q);
      axpy(alpha[i] - beta, h[0], q);
      i++;
    }
    return q;
  }

  private static double[] negated(double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = -v[i];
    }
    return r;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
