package dev.llmcap.model.fact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A formula given as a lambda is written on first read only, and reads the same every time. */
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
  void formulaThatCallsARuleFunctionCompilesAndItsFaultNamesTheQuantity() {
    // rule functions are declared to throw Exception; a lambda may call them, and a checked fault is not swallowed
    Quantity ok = Quantity.of("", "x", 1, "GB", () -> declaredToThrow(false));
    assertThat(ok.getFormula()).isEqualTo("fine");
    Quantity bad = Quantity.global("kv_budget_gb", 1, "GB", () -> declaredToThrow(true));
    org.assertj.core.api.Assertions.assertThatThrownBy(bad::getFormula).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("kv_budget_gb").hasCauseInstanceOf(java.io.IOException.class);
    Quantity npe = Quantity.of("", "y", 1, "GB", () -> ((String) null).trim());
    org.assertj.core.api.Assertions.assertThatThrownBy(npe::getFormula).isInstanceOf(NullPointerException.class);
  }

  private static String declaredToThrow(boolean fail) throws Exception {
    if (fail) {
      throw new java.io.IOException("broken");
    }
    return "fine";
  }

  @Test
  void textFormulaIsKeptAsGiven() {
    assertThat(Quantity.of("", "x", 1, "GB", "given").getFormula()).isEqualTo("given");
    assertThat(Quantity.of("", "x", 1, "GB", (String) null).getFormula()).isNull();
  }
}
