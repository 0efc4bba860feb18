package dev.llmcap.forecast;

import java.util.Locale;

/** Which forecast scenario the plan is for; the numbers per scenario are derived by rules. */
public enum Scenario {
  BASELINE,
  OPTIMISTIC,
  PESSIMISTIC,
  SPIKE;

  /** Parses baseline|optimistic|pessimistic|spike (case-insensitive). */
  public static Scenario fromCode(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT));
  }
}
