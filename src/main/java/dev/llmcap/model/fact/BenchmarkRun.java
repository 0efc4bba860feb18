package dev.llmcap.model.fact;

/**
 * Marks a session that plans a closed-loop benchmark run (a load generator keeping the request's concurrency in flight
 * on one replica, as trtllm-bench or GenAI-Perf do) for the figures such a run measures: throughput, TTFT and ITL. No
 * fleet is sized for it, so the open-loop latency rules (goodput, replicas, percentiles at an operating point) do not
 * fire; the closed-loop rules of benchmark.drl conclude what the run measures.
 */
public final class BenchmarkRun {
  @Override
  public String toString() {
    return "closed-loop benchmark run";
  }
}
