package dev.llmcap.validate;

/**
 * One measured serving result, in the column layout of the calibration data (inference.csv). Optional numbers are null
 * when the cell is empty; text cells are trimmed, never null.
 */
public record Measurement(
    long line,
    String id,
    String model,
    Double paramsB,
    String precision,
    String kvCachePrecision,
    String gpu,
    Integer gpuCount,
    Integer tp,
    Integer pp,
    String engine,
    String engineVersion,
    String workload,
    Integer inputTokens,
    Integer outputTokens,
    String batchOrConcurrency,
    String metricScope,
    Double outputTokS,
    Double ttftMs,
    Double itlMs,
    String source,
    String requestRate,
    Double ttftP50Ms,
    Double ttftP99Ms,
    Double itlP50Ms,
    Double itlP99Ms) {
  /** Whether the row reports latency percentiles (a server run at a known request rate). */
  public boolean hasPercentiles() {
    return ttftP50Ms != null || ttftP99Ms != null || itlP50Ms != null || itlP99Ms != null;
  }
}
