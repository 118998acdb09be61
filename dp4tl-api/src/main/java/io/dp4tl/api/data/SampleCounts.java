package io.dp4tl.api.data;

import io.dp4tl.api.InvalidInputException;
import java.nio.file.Path;

/** Checks that the parts of a dataset description agree on the number of samples. */
final class SampleCounts {
  private final String dataset;
  private Integer count;
  private String first;

  SampleCounts(String dataset) {
    this.dataset = dataset;
  }

  /** A part's name for messages, with the file it was read from if any. */
  static String part(String part, Path file) {
    return file == null ? part : part + " from " + file;
  }

  /**
   * Merges one part's sample count ({@code null} if the part is absent).
   *
   * @throws InvalidInputException if it differs from an earlier part's, naming both
   */
  void add(Integer samples, String part) {
    if (samples == null) {
      return;
    }
    if (count != null && !count.equals(samples)) {
      throw new InvalidInputException(dataset + ": " + part + " has " + samples + " samples but " + first + " has "
          + count + "; every part must list the same samples in the same order");
    }
    if (count == null) {
      count = samples;
      first = part;
    }
  }

  /** The agreed count, or {@code null} if no part was given. */
  Integer count() {
    return count;
  }
}
