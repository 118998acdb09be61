package io.dp4tl.core.scoring.internal;

/** The samples of each class, ascending. */
final class ClassMembers {
  private ClassMembers() {}

  /** {@code members[c]} = indices of the samples labelled c, ascending; labels must lie in [0, classes). */
  static int[][] of(int[] labels, int classes) {
    int[] sizes = new int[classes];
    for (int y : labels) {
      sizes[y]++;
    }
    int[][] members = new int[classes][];
    for (int c = 0; c < classes; c++) {
      members[c] = new int[sizes[c]];
    }
    int[] filled = new int[classes];
    for (int i = 0; i < labels.length; i++) {
      members[labels[i]][filled[labels[i]]++] = i;
    }
    return members;
  }
}
