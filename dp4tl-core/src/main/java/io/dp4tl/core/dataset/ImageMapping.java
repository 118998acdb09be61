package io.dp4tl.core.dataset;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.dp4tl.core.image.Polarity;
import io.dp4tl.core.image.ResizeMethod;

/**
 * How {@link ImageSets#mapped} turns each image of a set into another size, channel count and
 * polarity, e.g. a target's 20x20 digits into the glyph source's 32x32 white-on-black form.
 *
 * @param width output width
 * @param height output height
 * @param channels output channels, 1 or 3
 * @param resize resampling method
 * @param invert whether to invert the polarity ({@code v -> 255 - v})
 */
public record ImageMapping(int width, int height, int channels, ResizeMethod resize, boolean invert) {

  /** @throws IllegalArgumentException if the size is not positive or channels not 1 or 3 */
  public ImageMapping {
    checkArgument(width > 0 && height > 0, "size must be positive, got %sx%s", width, height);
    checkArgument(channels == 1 || channels == 3, "channels must be 1 or 3, got %s", channels);
    requireNonNull(resize, "resize");
  }

  /**
   * Grey {@code size x size} images, area-resampled, inverted when {@code from} and {@code to}
   * differ.
   *
   * @throws IllegalArgumentException if size is not positive
   */
  public static ImageMapping of(int size, Polarity from, Polarity to) {
    return new ImageMapping(size, size, 1, ResizeMethod.AREA, requireNonNull(from, "from") != requireNonNull(to, "to"));
  }
}
