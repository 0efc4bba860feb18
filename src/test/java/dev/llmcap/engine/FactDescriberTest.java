package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Trace descriptions of matched facts: an accumulate's several results read as values, not as an array's identity. */
class FactDescriberTest {
  @Test
  void accumulateResultsAreDescribedOneByOne() {
    assertThat(FactDescriber.describe(new Object[] {31.67, 1L})).isEqualTo("accumulated [31.67, 1]");
    assertThat(FactDescriber.describe(new Object[] {new Object[] {2}, "x"})).isEqualTo("accumulated [accumulated [2], x]");
  }

  @Test
  void plainValuesAreTheirText() {
    assertThat(FactDescriber.describe(4.5)).isEqualTo("4.5");
  }
}
