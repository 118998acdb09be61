package io.dp4tl.examples.glyph;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Seeded per-sample distortions that give more than one image per face: each jittered sample
 * draws, uniformly, a scale factor in {@code [1 - scale, 1 + scale]}, a shift of up to
 * {@code shift * size} pixels along each axis, a rotation of up to {@code rotationDegrees} either
 * way, and an outline stroke of up to {@code stroke} pixels (thickening).
 *
 * @param scale relative scale range, in [0, 0.5]
 * @param shift shift range as a fraction of the image size, in [0, 0.25]
 * @param rotationDegrees rotation range in degrees, in [0, 45]
 * @param stroke largest extra stroke width in pixels, in [0, 4]
 */
public record GlyphJitter(double scale, double shift, double rotationDegrees, double stroke) {
  /** @throws IllegalArgumentException if a range is outside its bounds */
  public GlyphJitter {
    checkArgument(scale >= 0 && scale <= 0.5, "scale must be in [0, 0.5], got %s", scale);
    checkArgument(shift >= 0 && shift <= 0.25, "shift must be in [0, 0.25], got %s", shift);
    checkArgument(rotationDegrees >= 0 && rotationDegrees <= 45, "rotationDegrees must be in [0, 45], got %s",
        rotationDegrees);
    checkArgument(stroke >= 0 && stroke <= 4, "stroke must be in [0, 4], got %s", stroke);
  }

  /** No jitter: every face gives one image per class. */
  public static GlyphJitter none() {
    return new GlyphJitter(0, 0, 0, 0);
  }

  /** Mild defaults: scale ±10%, shift ±6%, rotation ±8°, stroke up to 1 px. */
  public static GlyphJitter defaults() {
    return new GlyphJitter(0.1, 0.06, 8, 1);
  }

  /** Whether this jitter changes nothing. */
  public boolean isNone() {
    return scale == 0 && shift == 0 && rotationDegrees == 0 && stroke == 0;
  }
}
