package io.dp4tl.djl.internal;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import io.dp4tl.djl.Architecture;
import java.util.List;

/** Builds the feature extractor of an {@link Architecture} from DJL blocks (uninitialised). */
final class Backbones {
  private Backbones() {}

  /** A block mapping {@code (N, 1, 32, 32)} images to {@code (N, featureWidth)} pooled features. */
  static SequentialBlock build(Architecture architecture) {
    int w = architecture.width();
    SequentialBlock net = new SequentialBlock();
    if (architecture.family() == Architecture.Family.RESNET) {
      net.add(conv(w, 3, 1)).add(batchNorm()).add(Activation.reluBlock());
      int in = w;
      for (int stage = 0; stage < 3; stage++) {
        int out = w << stage;
        for (int b = 0; b < architecture.blocksPerStage(); b++) {
          int stride = stage > 0 && b == 0 ? 2 : 1;
          net.add(basicBlock(in, out, stride));
          in = out;
        }
      }
    } else {
      net.add(conv(w, 3, 1)).add(batchNorm()).add(Activation.reluBlock())
          .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
          .add(conv(2 * w, 3, 1)).add(batchNorm()).add(Activation.reluBlock())
          .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
          .add(conv(4 * w, 3, 1)).add(batchNorm()).add(Activation.reluBlock());
    }
    net.add(Pool.globalAvgPool2dBlock());
    return net;
  }

  private static Block basicBlock(int in, int out, int stride) {
    SequentialBlock main = new SequentialBlock()
        .add(conv(out, 3, stride)).add(batchNorm()).add(Activation.reluBlock())
        .add(conv(out, 3, 1)).add(batchNorm());
    Block shortcut = stride != 1 || in != out
        ? new SequentialBlock().add(conv(out, 1, stride)).add(batchNorm())
        : Blocks.identityBlock();
    ParallelBlock sum = new ParallelBlock(
        branches -> new NDList(branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow())),
        List.of(main, shortcut));
    return new SequentialBlock().add(sum).add(Activation.reluBlock());
  }

  private static Block conv(int filters, int kernel, int stride) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(kernel / 2, kernel / 2))
        .optBias(false)
        .build();
  }

  private static Block batchNorm() {
    return BatchNorm.builder().build();
  }
}
