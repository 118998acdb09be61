package io.dp4tl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StratifiedKeepTest {

  @Test
  void aRatioIsAppliedToEachStratumWithHalvesRoundedUp() {
    // 0.5 of 5 removes 3 (2.5 rounds up), 0.5 of 1 removes 1 (0.5 rounds up): that class keeps nothing.
    assertThat(StratifiedKeep.counts(KeepRule.ratio(0.5), new int[] {5, 1, 4, 0})).containsExactly(2, 0, 2, 0);
    assertThat(StratifiedKeep.counts(KeepRule.ratio(0.0), new int[] {3, 2})).containsExactly(3, 2);
  }

  @Test
  void aCountIsSplitByLargestRemainderTiesToTheLowerStratum() {
    // 7 of 12 over sizes 4, 4, 4: quotas 2.33 each; the extra one goes to stratum 0.
    assertThat(StratifiedKeep.counts(KeepRule.count(7), new int[] {4, 4, 4})).containsExactly(3, 2, 2);
    // 5 of 10 over 6, 3, 1: quotas 3, 1.5, 0.5; remainders tie (0.5): stratum 1 first.
    assertThat(StratifiedKeep.counts(KeepRule.count(5), new int[] {6, 3, 1})).containsExactly(3, 2, 0);
    assertThat(StratifiedKeep.counts(KeepRule.count(10), new int[] {6, 3, 1})).containsExactly(6, 3, 1);
  }

  @Test
  void refusesShareTooManyAndNothingKept() {
    assertThatThrownBy(() -> StratifiedKeep.counts(KeepRule.share(0.5), new int[] {3}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("ratio or a keep count");
    assertThatThrownBy(() -> StratifiedKeep.counts(KeepRule.count(11), new int[] {6, 3, 1}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than the 10 samples");
    assertThatThrownBy(() -> StratifiedKeep.counts(KeepRule.ratio(0.6), new int[] {1, 1}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("leaves no sample");
  }
}
