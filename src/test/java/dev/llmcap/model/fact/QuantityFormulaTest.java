package dev.llmcap.model.fact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A formula given as a supplier is written on first read only, and reads the same every time. */
class QuantityFormulaTest {
  @Test
  void suppliedFormulaIsWrittenOnceWhenRead() {
    AtomicInteger written = new AtomicInteger();
    Quantity q = Quantity.of("H100", "x", 2.0, "req/s", () -> "1 + " + written.incrementAndGet());
    assertThat(written).hasValue(0);
    assertThat(q.getFormula()).isEqualTo("1 + 1");
    assertThat(q.getFormula()).isEqualTo("1 + 1");
    assertThat(written).hasValue(1);
    assertThat(q.getValue()).isEqualTo(2.0);
  }

  @Test
  void textFormulaIsKeptAsGiven() {
    assertThat(Quantity.of("", "x", 1, "GB", "given").getFormula()).isEqualTo("given");
    assertThat(Quantity.of("", "x", 1, "GB", (String) null).getFormula()).isNull();
  }
}
