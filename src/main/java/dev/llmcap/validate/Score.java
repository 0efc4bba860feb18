package dev.llmcap.validate;

/**
 * One scored metric of one measurement: predicted vs measured, signed % error, the bound that limited the prediction and
 * whether the model is a mixture of experts.
 */
public record Score(String id, String engine, String regime, String gpu, String model, String group, String metric, double predicted,
    double measured, String bound, boolean moe) {
  /** Scope key of the summary lines over mixture-of-experts rows only. */
  public static final String MOE_ROWS = "MoE rows";
  /** Scope key of the summary lines over dense (non-MoE) rows only. */
  public static final String DENSE_ROWS = "dense rows";

  /** Output tokens per second (system or per GPU, as the row's scope says). */
  public static final String OUTPUT_TOK_S = "output_tok_s";
  /** Time to first token, ms. */
  public static final String TTFT_MS = "ttft_ms";
  /** Inter-token latency (time per output token), ms. */
  public static final String ITL_MS = "itl_ms";
  /** Time to first token at P50 of a server run at a known request rate, ms. */
  public static final String TTFT_P50_MS = "ttft_p50_ms";
  /** Time to first token at P99, ms. */
  public static final String TTFT_P99_MS = "ttft_p99_ms";
  /** A request's time per output token at P50 (MLPerf TPOT), ms. */
  public static final String ITL_P50_MS = "itl_p50_ms";
  /** A request's time per output token at P99, ms. */
  public static final String ITL_P99_MS = "itl_p99_ms";

  /** Requests/s of a server run (all replicas): the rules' goodput at the benchmark's latency constraints vs the measured rate. */
  public static final String SERVER_RPS = "server_rps";
  /** The latency percentiles of a server run planned at the rules' own goodput instead of the measured rate (suffix). */
  public static final String AT_GOODPUT = "_at_goodput";

  /** Signed error in percent of the measured value. */
  public double errorPct() {
    return (predicted - measured) / measured * 100.0;
  }

  /** Squared natural-log error, the quantity calibration minimises. */
  public double squaredLogError() {
    double l = Math.log(predicted / measured);
    return l * l;
  }
}
