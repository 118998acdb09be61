package io.dp4tl.api.data;

import io.dp4tl.api.InvalidInputException;

/** Checks that the parts of a dataset description agree on the number of samples. */
final class SampleCounts {
  private SampleCounts() {}

  /**
   * The sample count so far ({@code n}, or {@code null} if none yet) merged with one part's
   * ({@code m}, or {@code null} if the part is absent).
   *
   * @throws InvalidInputException if both are known and differ
   */
  static Integer agree(Integer n, Integer m, String dataset, String part) {
    if (m == null) {
      return n;
    }
    if (n != null && !n.equals(m)) {
      throw new InvalidInputException(dataset + ": " + part + " has " + m + " samples but other inputs have " + n);
    }
    return m;
  }
}
