package io.dp4tl.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.InvalidInputException;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class IntColumnTest {

  @Test
  void ofCopiesTheArrayOnceAndKnowsItsRange() {
    int[] values = {4, -2, 9, 0};
    IntColumn column = IntColumn.of(values);
    values[0] = 100;
    assertThat(column.toArray()).containsExactly(4, -2, 9, 0);
    assertThat(column.size()).isEqualTo(4);
    assertThat(column.get(2)).isEqualTo(9);
    assertThat(column.min()).isEqualTo(-2);
    assertThat(column.max()).isEqualTo(9);
    assertThat(column).hasToString("IntColumn[4 values in [-2, 9]]");
  }

  @Test
  void firstRowOutsideNamesTheFirstOffender() {
    IntColumn column = IntColumn.of(1, 2, 7, 3, 8);
    assertThat(column.firstRowOutside(1, 9)).isEqualTo(-1);
    assertThat(column.firstRowOutside(0, 7)).isEqualTo(2);
    assertThat(column.firstRowOutside(2, 100)).isEqualTo(0);
    assertThat(IntColumn.of().firstRowOutside(0, 0)).isEqualTo(-1);
    assertThatThrownBy(() -> column.firstRowOutside(3, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copiesRangesAndRefusesRowsOutside() {
    IntColumn column = IntColumn.of(5, 6, 7, 8);
    int[] dst = new int[4];
    column.copyTo(1, 3, dst, 1);
    assertThat(dst).containsExactly(0, 6, 7, 8);
    assertThatThrownBy(() -> column.get(4)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> column.copyTo(2, 3, dst, 0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void anEmptyColumnHasNoRange() {
    assertThatThrownBy(() -> IntColumn.of().min()).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> IntColumn.of().max()).isInstanceOf(NoSuchElementException.class);
  }

  /** The default methods, as a third-party column (e.g. over another file format) gets them. */
  @Test
  void defaultMethodsWorkForAnyColumn() {
    IntColumn squares = new IntColumn() {
      @Override
      public int size() {
        return 5;
      }

      @Override
      public int get(int row) {
        java.util.Objects.checkIndex(row, 5);
        return row * row;
      }

      @Override
      public int min() {
        return 0;
      }

      @Override
      public int max() {
        return 16;
      }
    };
    assertThat(squares.toArray()).containsExactly(0, 1, 4, 9, 16);
    assertThat(squares.firstRowOutside(0, 5)).isEqualTo(3);
    assertThatThrownBy(() -> squares.copyTo(3, 3, new int[3], 0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void sourceDataHoldsLabelsAndGroupsAsColumnsAndChecksThemOnce() {
    int[] labels = {0, 1, 1, 2};
    SourceData source = SourceData.builder().labels(labels).groups(new int[] {3, 3, 0, 1}).build();
    labels[0] = 2;
    assertThat(source.labels().orElseThrow().toArray()).containsExactly(0, 1, 1, 2);
    assertThat(source.groups().orElseThrow().max()).isEqualTo(3);
    assertThatThrownBy(() -> SourceData.builder().labels(IntColumn.of(0, 1, 2, 1), 2).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("label 2 at row 2 of labels is out of range [0, 2)");
    assertThatThrownBy(() -> SourceData.builder().groups(IntColumn.of(0, -1)).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("group -1 at row 1 of groups is out of range (must be >= 0)");
  }
}
