package dev.llmcap.forecast;

import java.time.Instant;

/**
 * One historical cost entry of a service (the CostHistory data model); {@code tokensProcessed}
 * is null when absent.
 */
public record CostRecord(
    String serviceId,
    Instant timestamp,
    double amount,
    String currency,
    CostCategory category,
    Long tokensProcessed) {

  /** Currency used when a record does not name one. */
  public static final String DEFAULT_CURRENCY = "USD";
}
