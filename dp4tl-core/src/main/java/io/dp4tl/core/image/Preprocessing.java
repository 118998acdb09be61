package io.dp4tl.core.image;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.data.Image;
import io.dp4tl.core.image.internal.Resampler;
import java.util.Arrays;
import java.util.Objects;

/**
 * How an {@link Image} becomes a model's input floats: channel conversion (grey to RGB by
 * replication, RGB to grey by ITU-R BT.601 luma), resize ({@link ResizeMethod}) to a fixed size or
 * to a fixed height with {@link WidthMode#KEEP_ASPECT_PAD dynamic width}, optional polarity
 * inversion ({@code v -> 255 - v}), then per channel {@code (v * scale - mean[c]) / std[c]}, laid
 * out as {@link Layout#NCHW} or {@link Layout#NHWC}.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()}. For example PP-OCR's input
 * ({@code (v/255 - 0.5)/0.5}, RGB, 48 high):
 *
 * <pre>{@code
 * Preprocessing p = Preprocessing.builder().size(48, 48).channels(3).resize(ResizeMethod.BILINEAR)
 *     .normalize(1 / 255f, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f}).build();
 * }</pre>
 */
public final class Preprocessing {
  /** Most pixels (width x height) of a model input: 4096 x 4096. */
  public static final int MAX_PIXELS = 1 << 24;

  private final int width;
  private final int height;
  private final int channels;
  private final ResizeMethod resize;
  private final WidthMode widthMode;
  private final boolean invert;
  private final float scale;
  private final float[] mean;
  private final float[] std;
  private final Layout layout;
  private final int padValue;

  private Preprocessing(Builder b) {
    this.width = b.width;
    this.height = b.height;
    this.channels = b.channels == null ? 1 : b.channels;
    this.resize = b.resize == null ? ResizeMethod.AREA : b.resize;
    this.widthMode = b.widthMode == null ? WidthMode.FIXED : b.widthMode;
    this.invert = b.invert != null && b.invert;
    this.scale = b.scale == null ? 1f / 255f : b.scale;
    this.mean = b.mean == null ? new float[channels] : b.mean;
    this.std = b.std == null ? filled(channels, 1f) : b.std;
    this.layout = b.layout == null ? Layout.NCHW : b.layout;
    this.padValue = b.padValue == null ? 0 : b.padValue;
    checkArgument(
        mean.length == channels && std.length == channels,
        "mean and std need one value per channel (%s), got %s and %s",
        channels,
        mean.length,
        std.length);
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    Arrays.fill(a, v);
    return a;
  }

  /** A fresh builder; {@link Builder#size} is required, everything else has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Output width in pixels (the batch's fixed width under {@link WidthMode#KEEP_ASPECT_PAD}). */
  public int width() {
    return width;
  }

  /** Output height in pixels. */
  public int height() {
    return height;
  }

  /** Output channels: 1 (grey) or 3 (RGB). */
  public int channels() {
    return channels;
  }

  public ResizeMethod resize() {
    return resize;
  }

  public WidthMode widthMode() {
    return widthMode;
  }

  /** Whether pixel values are inverted ({@code 255 - v}) before normalisation. */
  public boolean invert() {
    return invert;
  }

  public Layout layout() {
    return layout;
  }

  /** Per-sample input shape: {@code [C, H, W]} for NCHW, {@code [H, W, C]} for NHWC. */
  public int[] inputShape() {
    return layout == Layout.NCHW ? new int[] {channels, height, width} : new int[] {height, width, channels};
  }

  /** Floats per encoded sample. */
  public int elements() {
    return channels * height * width;
  }

  /** Encodes one image into a new array of {@link #elements()} floats. */
  public float[] apply(Image image) {
    float[] out = new float[elements()];
    encode(image, out, 0);
    return out;
  }

  /**
   * Encodes one image into {@code dst[offset .. offset + elements())}.
   *
   * @throws IndexOutOfBoundsException if {@code dst} is too short
   */
  public void encode(Image image, float[] dst, int offset) {
    requireNonNull(image, "image");
    checkElementIndex(offset + elements() - 1, dst.length, "last encoded element");
    int contentWidth = contentWidth(image);
    int plane = height * contentWidth;
    float[] resized = new float[plane];
    float[] source = null;
    int planes = image.channels() == channels ? channels : 1;
    for (int p = 0; p < planes; p++) {
      source = sourcePlane(image, p, source);
      Resampler.resize(source, image.width(), image.height(), resized, contentWidth, height, resize);
      if (planes == channels) {
        write(resized, contentWidth, p, dst, offset);
      } else {
        for (int c = 0; c < channels; c++) {
          write(resized, contentWidth, c, dst, offset);
        }
      }
    }
  }

  private int contentWidth(Image image) {
    if (widthMode == WidthMode.FIXED) {
      return width;
    }
    long scaled = Math.round((double) image.width() * height / image.height());
    return (int) Math.max(1, Math.min(width, scaled));
  }

  /** Plane {@code p} of the image in the output's colour model (grey from RGB by luma). */
  private float[] sourcePlane(Image image, int p, float[] reuse) {
    int n = image.width() * image.height();
    float[] plane = reuse == null ? new float[n] : reuse;
    byte[] px = image.pixels();
    int ic = image.channels();
    if (ic == channels || ic == 1) {
      for (int i = 0, j = ic == channels ? p : 0; i < n; i++, j += ic) {
        plane[i] = px[j] & 0xff;
      }
    } else {
      for (int i = 0, j = 0; i < n; i++, j += 3) {
        plane[i] = 0.299f * (px[j] & 0xff) + 0.587f * (px[j + 1] & 0xff) + 0.114f * (px[j + 2] & 0xff);
      }
    }
    return plane;
  }

  /** Normalises a resized plane into output channel {@code c}, padding columns past the content. */
  private void write(float[] plane, int contentWidth, int c, float[] dst, int offset) {
    float a = scale / std[c];
    float b = -mean[c] / std[c];
    float sign = invert ? -a : a;
    float bias = invert ? 255f * a + b : b;
    float pad = padValue * a + b;
    int pixelStride = layout == Layout.NCHW ? 1 : channels;
    int base = layout == Layout.NCHW ? offset + c * height * width : offset + c;
    for (int y = 0; y < height; y++) {
      int at = base + y * width * pixelStride;
      int row = y * contentWidth;
      for (int x = 0; x < contentWidth; x++, at += pixelStride) {
        dst[at] = plane[row + x] * sign + bias;
      }
      for (int x = contentWidth; x < width; x++, at += pixelStride) {
        dst[at] = pad;
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Preprocessing p
        && width == p.width
        && height == p.height
        && channels == p.channels
        && resize == p.resize
        && widthMode == p.widthMode
        && invert == p.invert
        && Float.compare(scale, p.scale) == 0
        && Arrays.equals(mean, p.mean)
        && Arrays.equals(std, p.std)
        && layout == p.layout
        && padValue == p.padValue;
  }

  @Override
  public int hashCode() {
    return Objects.hash(width, height, channels, resize, widthMode, invert, scale, Arrays.hashCode(mean),
        Arrays.hashCode(std), layout, padValue);
  }

  @Override
  public String toString() {
    return "Preprocessing[" + width + "x" + height + "x" + channels + ", " + resize + ", " + widthMode
        + (invert ? ", inverted" : "") + ", scale " + scale + ", mean " + Arrays.toString(mean) + ", std "
        + Arrays.toString(std) + ", " + layout + (widthMode == WidthMode.KEEP_ASPECT_PAD ? ", pad " + padValue : "")
        + "]";
  }

  /** Collects a {@link Preprocessing}; each setting may be made once. */
  public static final class Builder {
    private int width;
    private int height;
    private Integer channels;
    private ResizeMethod resize;
    private WidthMode widthMode;
    private Boolean invert;
    private Float scale;
    private float[] mean;
    private float[] std;
    private Layout layout;
    private Integer padValue;

    private Builder() {}

    /**
     * Output size (required).
     *
     * @throws IllegalArgumentException if not positive, or more than {@value Preprocessing#MAX_PIXELS} pixels
     * @throws IllegalStateException if set twice
     */
    public Builder size(int width, int height) {
      checkState(this.width == 0, "size is already set");
      checkArgument(width > 0 && height > 0, "size must be positive, got %sx%s", width, height);
      checkArgument((long) width * height <= MAX_PIXELS, "size %sx%s has %s pixels; a model input has at most %s"
          + " (4096x4096)", width, height, (long) width * height, MAX_PIXELS);
      this.width = width;
      this.height = height;
      return this;
    }

    /**
     * Output channels, 1 or 3 (default 1); images of the other kind are converted.
     *
     * @throws IllegalArgumentException if not 1 or 3
     * @throws IllegalStateException if set twice
     */
    public Builder channels(int channels) {
      checkState(this.channels == null, "channels is already set");
      checkArgument(channels == 1 || channels == 3, "channels must be 1 or 3, got %s", channels);
      this.channels = channels;
      return this;
    }

    /** Resampling method (default {@link ResizeMethod#AREA}). @throws IllegalStateException if set twice */
    public Builder resize(ResizeMethod method) {
      checkState(resize == null, "resize is already set");
      resize = requireNonNull(method, "method");
      return this;
    }

    /** Width handling (default {@link WidthMode#FIXED}). @throws IllegalStateException if set twice */
    public Builder widthMode(WidthMode mode) {
      checkState(widthMode == null, "widthMode is already set");
      widthMode = requireNonNull(mode, "mode");
      return this;
    }

    /** Inverts polarity ({@code 255 - v}) before normalising (default off). @throws IllegalStateException if set twice */
    public Builder invert(boolean invert) {
      checkState(this.invert == null, "invert is already set");
      this.invert = invert;
      return this;
    }

    /**
     * {@code out = (v * scale - mean[c]) / std[c]} per channel (default: scale 1/255, mean 0, std 1).
     *
     * @throws IllegalArgumentException if scale or a std is not finite and non-zero, or a mean is not finite
     * @throws IllegalStateException if set twice
     */
    public Builder normalize(float scale, float[] mean, float[] std) {
      checkState(this.scale == null, "normalize is already set");
      checkArgument(Float.isFinite(scale) && scale != 0f, "scale must be finite and non-zero, got %s", scale);
      for (float m : mean) {
        checkArgument(Float.isFinite(m), "mean values must be finite, got %s", Arrays.toString(mean));
      }
      for (float s : std) {
        checkArgument(Float.isFinite(s) && s != 0f, "std values must be finite and non-zero, got %s",
            Arrays.toString(std));
      }
      this.scale = scale;
      this.mean = mean.clone();
      this.std = std.clone();
      return this;
    }

    /** Output layout (default {@link Layout#NCHW}). @throws IllegalStateException if set twice */
    public Builder layout(Layout layout) {
      checkState(this.layout == null, "layout is already set");
      this.layout = requireNonNull(layout, "layout");
      return this;
    }

    /**
     * Pixel value (0..255, in the output polarity) of the padding that
     * {@link WidthMode#KEEP_ASPECT_PAD} adds (default 0).
     *
     * @throws IllegalArgumentException if outside 0..255
     * @throws IllegalStateException if set twice
     */
    public Builder padValue(int value) {
      checkState(padValue == null, "padValue is already set");
      checkArgument(value >= 0 && value <= 255, "padValue must be in 0..255, got %s", value);
      padValue = value;
      return this;
    }

    /**
     * @throws IllegalStateException if no size was set
     * @throws IllegalArgumentException if mean/std do not have one value per channel
     */
    public Preprocessing build() {
      checkState(width > 0, "size(width, height) is required");
      return new Preprocessing(this);
    }
  }
}
