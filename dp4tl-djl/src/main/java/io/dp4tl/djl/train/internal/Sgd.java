package io.dp4tl.djl.train.internal;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;

/**
 * Stochastic gradient descent with momentum and L2 weight decay, as PyTorch's {@code torch.optim.SGD}
 * (no dampening, no Nesterov): {@code d = g + wd * w; buf = momentum * buf + d; w -= lr * buf}, with
 * {@code buf} starting at zero. Its momentum buffers are its whole state, which a checkpoint keeps
 * ({@link #state()}, {@link #restore}), so a resumed run continues exactly. Runs on the thread that
 * trains, with autograd recording off; zeroes every gradient after using it.
 */
final class Sgd implements AutoCloseable {
  private final List<NDArray> weights;
  private final List<NDArray> buffers;
  private final NDManager manager;
  private final float momentum;
  private final float weightDecay;

  Sgd(NDManager parent, List<NDArray> weights, double momentum, double weightDecay) {
    this.weights = ImmutableList.copyOf(weights);
    this.manager = parent.newSubManager();
    this.momentum = (float) momentum;
    this.weightDecay = (float) weightDecay;
    List<NDArray> b = new ArrayList<>(weights.size());
    for (NDArray w : weights) {
      b.add(manager.zeros(w.getShape(), w.getDataType()));
    }
    this.buffers = b;
  }

  /** Applies one update with learning rate {@code lr} from the gradients of the last backward pass. */
  void step(double lr) {
    float rate = (float) lr;
    for (int i = 0; i < weights.size(); i++) {
      NDArray w = weights.get(i);
      NDArray buffer = buffers.get(i);
      try (NDArray g = w.getGradient()) {
        if (weightDecay != 0) {
          try (NDArray decay = w.mul(weightDecay)) {
            g.addi(decay);
          }
        }
        buffer.muli(momentum).addi(g);
        try (NDArray delta = buffer.mul(rate)) {
          w.subi(delta);
        }
        g.subi(g);
      }
    }
  }

  /** The momentum buffers, in weight order. */
  List<NDArray> state() {
    return buffers;
  }

  /** Replaces the momentum buffers' values (e.g. from a checkpoint). */
  void restore(List<float[]> values) {
    checkArgument(values.size() == buffers.size(), "expected %s momentum buffers, got %s", buffers.size(),
        values.size());
    for (int i = 0; i < buffers.size(); i++) {
      NDArray buffer = buffers.get(i);
      checkArgument(values.get(i).length == buffer.size(), "momentum buffer %s has %s values, expected %s", i,
          values.get(i).length, buffer.size());
      buffer.set(values.get(i));
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
