package io.dp4tl.core.dataset;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.Image;
import io.dp4tl.core.dataset.internal.ImageDecoder;
import io.dp4tl.core.image.Images;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one image file holding a grid of equally sized cells, each cell a sample, whole bands of
 * grid rows per class (OpenCV's {@code digits.png}: a 100x50 grid of 20x20 cells, grid rows
 * {@code 5k..5k+4} hold digit {@code k}). Samples come in row-major grid order; colour images are
 * converted to grey.
 */
public final class GridReader {
  /** The ten digit class names "0".."9". */
  public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private GridReader() {}

  /**
   * Reads a grid.
   *
   * @param rowsPerClass grid rows per class band; the grid must have {@code rowsPerClass *
   *     classNames.size()} rows
   * @throws InvalidInputException if the file is missing or corrupt, or its size is not a whole
   *     grid of the classes given
   * @throws IllegalArgumentException if a size is not positive
   */
  public static ArrayImageSet read(Path file, int cellWidth, int cellHeight, int rowsPerClass, List<String> classNames) {
    requireNonNull(classNames, "classNames");
    checkArgument(cellWidth > 0 && cellHeight > 0 && rowsPerClass > 0, "cell size and rowsPerClass must be positive");
    Image grid = Images.withChannels(ImageDecoder.decode(file), 1);
    if (grid.width() % cellWidth != 0 || grid.height() % cellHeight != 0) {
      throw new InvalidInputException(file + ": " + grid.width() + "x" + grid.height() + " is not a whole grid of "
          + cellWidth + "x" + cellHeight + " cells");
    }
    int cols = grid.width() / cellWidth;
    int rows = grid.height() / cellHeight;
    if (rows != rowsPerClass * classNames.size()) {
      throw new InvalidInputException(file + ": " + rows + " grid rows, expected " + rowsPerClass + " per class for "
          + classNames.size() + " classes (" + rowsPerClass * classNames.size() + ")");
    }
    int cell = cellWidth * cellHeight;
    byte[] px = new byte[rows * cols * cell];
    int[] labels = new int[rows * cols];
    byte[] src = grid.pixels();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int sample = r * cols + c;
        labels[sample] = r / rowsPerClass;
        for (int y = 0; y < cellHeight; y++) {
          System.arraycopy(src, (r * cellHeight + y) * grid.width() + c * cellWidth, px, sample * cell + y * cellWidth,
              cellWidth);
        }
      }
    }
    return new ArrayImageSet(file.getFileName().toString(), cellWidth, cellHeight, 1, px, labels, classNames);
  }

  /**
   * OpenCV's {@code digits.png}: 5,000 handwritten digits, 20x20, white on black, 500 per class.
   *
   * @throws InvalidInputException as {@link #read}
   */
  public static ArrayImageSet opencvDigits(Path file) {
    return read(file, 20, 20, 5, DIGITS);
  }
}
