package io.dp4tl.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.Random;

/**
 * Initialises weights from a seeded Java RNG, so a network's initial weights depend on the seed
 * alone (not on PyTorch's process-wide generator, which other code may be using): convolution
 * kernels get He-normal values with fan-out scaling (as torchvision's ResNets), linear weights get
 * uniform values in {@code +-1/sqrt(fan-in)} (as PyTorch's {@code nn.Linear}). Parameters are
 * initialised in block order, which DJL keeps stable, so the same seed gives the same network.
 */
final class SeededInitializer implements Initializer {
  private final Random random;

  SeededInitializer(long seed) {
    this.random = new Random(seed);
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    int n = Math.toIntExact(shape.size());
    float[] values = new float[n];
    if (shape.dimension() == 4) {
      double std = Math.sqrt(2.0 / (shape.get(0) * shape.get(2) * shape.get(3)));
      for (int i = 0; i < n; i++) {
        values[i] = (float) (random.nextGaussian() * std);
      }
    } else if (shape.dimension() == 2) {
      double bound = 1.0 / Math.sqrt(shape.get(1));
      for (int i = 0; i < n; i++) {
        values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
      }
    } else {
      throw new IllegalStateException("no seeded initialisation for a weight of shape " + shape);
    }
    return manager.create(values, shape).toType(dataType, false);
  }
}
