package io.dp4tl.core.dataset;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.core.dataset.internal.DataFiles;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads images stored one per CSV line (gzipped or not): {@code width * height} integer pixel
 * values in {@code 0..maxValue}, row-major, then the integer label. Values are scaled to
 * {@code 0..255} ({@code round(v * 255 / maxValue)}). scikit-learn's {@code digits.csv.gz} is such a
 * file (8x8, values 0..16, white on black).
 */
public final class CsvReader {
  private CsvReader() {}

  /**
   * Reads a CSV image file.
   *
   * @throws InvalidInputException if the file is missing or a line is malformed: wrong column
   *     count, a non-integer, a value outside {@code 0..maxValue}, or a label outside the classes
   *     (the message names the file and line)
   * @throws IllegalArgumentException if a size or maxValue is not positive
   */
  public static ArrayImageSet read(Path file, int width, int height, int maxValue, List<String> classNames) {
    requireNonNull(classNames, "classNames");
    checkArgument(width > 0 && height > 0 && maxValue > 0, "width, height and maxValue must be positive");
    String text = new String(DataFiles.readMaybeGzipped(file), StandardCharsets.US_ASCII);
    int cols = width * height + 1;
    ByteArrayOutputStream px = new ByteArrayOutputStream();
    int[] labels = new int[16];
    int n = 0;
    int lineNo = 0;
    for (String line : text.split("\n")) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.trim().split(",");
      if (parts.length != cols) {
        throw new InvalidInputException(file + ": line " + lineNo + " has " + parts.length + " columns, expected "
            + cols + " (" + width + "x" + height + " pixels and a label)");
      }
      for (int i = 0; i < cols - 1; i++) {
        int v = integer(parts[i], file, lineNo);
        if (v < 0 || v > maxValue) {
          throw new InvalidInputException(file + ": line " + lineNo + " column " + (i + 1) + ": value " + v
              + " is outside 0.." + maxValue);
        }
        px.write((int) Math.round(v * 255.0 / maxValue));
      }
      int label = integer(parts[cols - 1], file, lineNo);
      if (label < 0 || label >= classNames.size()) {
        throw new InvalidInputException(file + ": line " + lineNo + ": label " + label + " is outside the "
            + classNames.size() + " classes given");
      }
      if (n == labels.length) {
        labels = Arrays.copyOf(labels, n * 2);
      }
      labels[n++] = label;
    }
    return new ArrayImageSet(file.getFileName().toString(), width, height, 1, px.toByteArray(),
        Arrays.copyOf(labels, n), classNames);
  }

  /**
   * scikit-learn's {@code digits.csv.gz}: 1,797 digits, 8x8, values 0..16 scaled to 0..255.
   *
   * @throws InvalidInputException as {@link #read}
   */
  public static ArrayImageSet sklearnDigits(Path file) {
    return read(file, 8, 8, 16, GridReader.DIGITS);
  }

  private static int integer(String s, Path file, int lineNo) {
    String t = s.trim();
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(t);
        if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
          return (int) d;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new InvalidInputException(file + ": line " + lineNo + ": '" + t + "' is not an integer");
    }
  }
}
