package io.dp4tl.djl;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network dp4tl builds with DJL blocks, for 32x32 grey images (channel-first, one channel):
 *
 * <ul>
 *   <li>{@code resnet-<depth>}, depth = 6n + 2 (resnet-8, -14, -20, -32, ...): the CIFAR ResNet of He
 *       et al. (2016) - a 3x3 stem of {@code width} channels, three stages of n basic blocks with
 *       {@code width}, {@code 2 width} and {@code 4 width} channels (stride 2 into the last two,
 *       projection shortcuts where the shape changes), global average pooling;
 *   <li>{@code cnn}: a small surrogate, three conv-BN-ReLU layers of {@code width}, {@code 2 width}
 *       and {@code 4 width} channels with 2x2 max pooling after the first two, global average
 *       pooling.
 * </ul>
 *
 * Both end in the pooled penultimate feature of {@code 4 width} values and a linear head over the
 * classes.
 *
 * @param family the kind of network
 * @param depth number of weighted layers ({@code 6n + 2} for a ResNet, 3 for the CNN)
 * @param width base channel width
 */
public record Architecture(Family family, int depth, int width) {
  /** Side of the square input in pixels. */
  public static final int INPUT_SIZE = 32;
  /** Input channels (grey). */
  public static final int INPUT_CHANNELS = 1;

  private static final Pattern RESNET = Pattern.compile("resnet-(\\d{1,4})");
  private static final int CNN_DEPTH = 3;

  /** Network families. */
  public enum Family {
    /** CIFAR-style residual network. */
    RESNET,
    /** Small plain convolutional network. */
    CNN
  }

  /**
   * @throws IllegalArgumentException if the depth does not fit the family or the width is not positive
   */
  public Architecture {
    requireNonNull(family, "family");
    checkArgument(width >= 1, "width must be >= 1, got %s", width);
    if (family == Family.RESNET) {
      checkArgument(depth >= 8 && (depth - 2) % 6 == 0, "a ResNet depth must be 6n + 2 >= 8, got %s", depth);
    } else {
      checkArgument(depth == CNN_DEPTH, "the CNN has depth %s, got %s", CNN_DEPTH, depth);
    }
  }

  /**
   * Parses a network name.
   *
   * @param name {@code resnet-<6n+2>} or {@code cnn}
   * @param width base channel width
   * @throws InvalidInputException if the name is not one of those, or the width is not positive
   */
  public static Architecture parse(String name, int width) {
    requireNonNull(name, "name");
    if (width < 1) {
      throw new InvalidInputException("network width must be >= 1, got " + width);
    }
    if (name.equals("cnn")) {
      return new Architecture(Family.CNN, CNN_DEPTH, width);
    }
    Matcher m = RESNET.matcher(name);
    if (m.matches()) {
      int depth = Integer.parseInt(m.group(1));
      if (depth >= 8 && (depth - 2) % 6 == 0) {
        return new Architecture(Family.RESNET, depth, width);
      }
    }
    throw new InvalidInputException("unknown network architecture '" + name
        + "'; use resnet-<depth> with depth = 6n + 2 (resnet-8, resnet-14, resnet-20, ...) or cnn");
  }

  /** The name {@link #parse} accepts, e.g. {@code "resnet-20"}. */
  public String name() {
    return family == Family.RESNET ? "resnet-" + depth : "cnn";
  }

  /** Basic blocks per stage of a ResNet. */
  public int blocksPerStage() {
    checkArgument(family == Family.RESNET, "only a ResNet has stages");
    return (depth - 2) / 6;
  }

  /** Width of the pooled penultimate feature. */
  public int featureWidth() {
    return 4 * width;
  }

  /** Per-sample input shape: channels, height, width. */
  public static int[] inputShape() {
    return new int[] {INPUT_CHANNELS, INPUT_SIZE, INPUT_SIZE};
  }
}
