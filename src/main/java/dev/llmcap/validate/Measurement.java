package dev.llmcap.validate;

/**
 * One measured serving result, in the column layout of the calibration data (inference.csv). Optional numbers are null
 * when the cell is empty; text cells are trimmed, never null. The optional length percentiles (input_tokens_p50/p99,
 * output_tokens_p50/p99) describe the spread of a dataset's lengths around the row's mean input and output tokens.
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
    Double itlP99Ms,
    Integer inputTokensP50,
    Integer inputTokensP99,
    Integer outputTokensP50,
    Integer outputTokensP99) {
  /** Whether the row reports latency percentiles (a server run at a known request rate). */
  public boolean hasPercentiles() {
    return ttftP50Ms != null || ttftP99Ms != null || itlP50Ms != null || itlP99Ms != null;
  }
}
