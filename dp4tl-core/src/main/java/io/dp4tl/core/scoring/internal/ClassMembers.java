package io.dp4tl.core.scoring.internal;

import io.dp4tl.api.data.IntColumn;

/** The samples of each class, ascending. */
final class ClassMembers {
  private ClassMembers() {}

  /** {@code members[c]} = indices of the samples labelled c, ascending; labels must lie in [0, classes). */
  static int[][] of(IntColumn labels, int classes) {
    int[] sizes = new int[classes];
    for (int i = 0; i < labels.size(); i++) {
      sizes[labels.get(i)]++;
    }
    int[][] members = new int[classes][];
    for (int c = 0; c < classes; c++) {
      members[c] = new int[sizes[c]];
    }
    int[] filled = new int[classes];
    for (int i = 0; i < labels.size(); i++) {
      int y = labels.get(i);
      members[y][filled[y]++] = i;
    }
    return members;
  }
}
