package io.dp4tl.core.dataset.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dp4tl.api.Dp4tlException;
import io.dp4tl.api.data.Image;

/**
 * Fuzz target for the image decoder path (the header's dimensions are checked, then ImageIO
 * decodes and dp4tl converts to 8-bit pixels): any bytes either decode to an image within the
 * pixel limit or fail with a dp4tl exception (never another exception, a hang or an allocation
 * the header alone asked for). The limit is lowered to one megapixel so that the fuzzer explores
 * many small images instead of a few slow large ones. Under {@code mvn verify} it replays the
 * committed corpus in
 * {@code src/test/resources/io/dp4tl/core/dataset/internal/ImageDecoderFuzzTestInputs/}; fuzzing
 * itself is {@code scripts/fuzz.sh} (docs/fuzzing.md).
 */
class ImageDecoderFuzzTest {
  private static final long LIMIT = 1_000_000;

  @FuzzTest(maxDuration = "10m")
  void decodesAnyBytes(byte[] bytes) {
    String previous = System.setProperty(ImageDecoder.MAX_PIXELS_PROPERTY, Long.toString(LIMIT));
    try {
      Image image = ImageDecoder.decode(bytes, "fuzzed image");
      if ((long) image.width() * image.height() > LIMIT) {
        throw new AssertionError("decoded " + image.width() + "x" + image.height() + " beyond the limit");
      }
    } catch (Dp4tlException expected) {
      // refused with a message: fine
    } finally {
      if (previous == null) {
        System.clearProperty(ImageDecoder.MAX_PIXELS_PROPERTY);
      } else {
        System.setProperty(ImageDecoder.MAX_PIXELS_PROPERTY, previous);
      }
    }
  }
}
