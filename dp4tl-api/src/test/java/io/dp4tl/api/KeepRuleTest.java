package io.dp4tl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeepRuleTest {

  @Test
  void ratioKeepsGroupsMinusRoundedRemoved() {
    assertThat(KeepRule.ratio(0.0).resolve(20)).isEqualTo(20);
    assertThat(KeepRule.ratio(0.6).resolve(20)).isEqualTo(8);
    assertThat(KeepRule.ratio(0.95).resolve(12)).isEqualTo(1);
  }

  @Test
  void roundsHalvesUpAsTheParityCasesDo() {
    assertThat(KeepRule.ratio(0.5).resolve(5)).isEqualTo(2); // round(2.5) = 3 removed
    assertThat(KeepRule.ratio(0.5).resolve(7)).isEqualTo(3); // round(3.5) = 4 removed
    assertThat(KeepRule.ratio(0.95).resolve(30)).isEqualTo(1); // round(28.5) = 29 removed
    // Decimal halves whose binary product falls just below .5 still round up.
    assertThat(KeepRule.ratio(0.29).resolve(50)).isEqualTo(35);
    assertThat(KeepRule.ratio(0.35).resolve(90)).isEqualTo(58);
    assertThat(KeepRule.ratio(0.57).resolve(50)).isEqualTo(21);
  }

  @Test
  void refusesARatioThatLeavesNoGroup() {
    assertThatThrownBy(() -> KeepRule.ratio(0.95).resolve(10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("leaves no group of 10");
  }

  @Test
  void refusesOutOfRangeSettings() {
    assertThatThrownBy(() -> KeepRule.ratio(1.0)).hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> KeepRule.ratio(-0.1)).hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> KeepRule.ratio(Double.NaN)).hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> KeepRule.count(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> KeepRule.count(11).resolve(10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("more than the 10 groups");
    assertThatThrownBy(() -> KeepRule.share(0)).hasMessageContaining("(0, 1]");
  }

  @Test
  void shareKeepsTheSmallestPrefixCarryingThatMass() {
    double[] ranked = {50, 30, 10, 5, 5, 0, 0};
    assertThat(KeepRule.share(0.5).resolve(ranked)).isEqualTo(1);
    assertThat(KeepRule.share(0.8).resolve(ranked)).isEqualTo(2);
    assertThat(KeepRule.share(0.81).resolve(ranked)).isEqualTo(3);
    assertThat(KeepRule.share(1.0).resolve(ranked)).isEqualTo(5);
    assertThat(KeepRule.massCurve(ranked)).containsExactly(0.5, 0.8, 0.9, 0.95, 1.0, 1.0, 1.0);
  }

  @Test
  void shareRefusesNegativeOrEmptyEvidence() {
    assertThatThrownBy(() -> KeepRule.share(0.9).resolve(new double[] {0, -1}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("non-negative");
    assertThatThrownBy(() -> KeepRule.share(0.9).resolve(new double[] {0, 0}))
        .hasMessageContaining("every group scored 0");
  }
}
