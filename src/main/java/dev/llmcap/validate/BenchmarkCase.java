package dev.llmcap.validate;

import dev.llmcap.model.PlanRequest;

/**
 * A measurement mapped to a plan request in closed-loop benchmark mode, with how to scale a replica's prediction to the
 * row's scope: predicted system figure = replica figure x replicas / divisor (divisor = GPUs for per-GPU rows); moe when
 * the catalog model routes tokens to experts.
 */
public record BenchmarkCase(Measurement row, PlanRequest request, String gpuId, String modelId, String architecture, String precision,
    String regime, double replicas, double divisor, boolean moe) {
  /** Offline max-throughput run: every request issued at once. */
  public static final String OFFLINE = "offline";
  /** Fixed batch or fixed number of requests in flight. */
  public static final String CONCURRENCY = "concurrency";
  /** One request alone on the replica (batch 1). */
  public static final String SINGLE = "single-request";
  /** Open-loop server run at a known request rate, scored on latency percentiles. */
  public static final String SERVER = "server";

  /**
   * Whether a server row's rate was tuned to latency constraints (MLPerf Server), so comparing it with the rules' goodput
   * means something; a point of a fixed-rate sweep ("server, rate sweep" in batch_or_concurrency) is scored at its rate only.
   */
  public boolean rateTunedToConstraints() {
    return SERVER.equals(regime) && !row.batchOrConcurrency().toLowerCase(java.util.Locale.ROOT).contains("rate sweep");
  }

  /** The GPU family and precision this case calibrates, e.g. "Hopper:FP8". */
  public String group() {
    return (architecture.isEmpty() ? gpuId : architecture) + ":" + precision;
  }
}
