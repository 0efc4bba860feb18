package dev.llmcap.engine;

import dev.llmcap.model.LLMCapacityPlan.Cost;
import dev.llmcap.model.LLMCapacityPlan.GpuResources;
import dev.llmcap.model.LLMCapacityPlan.Throughput;
import dev.llmcap.model.fact.Verdict;
import java.util.ArrayList;
import java.util.List;

/** The answer in a few lines, composed from values the rules derived. */
final class Headline {
  private Headline() {}

  static List<String> lines(String verdict, GpuResources g, Throughput t, Cost c, SessionResult r, String scope) {
    List<String> out = new ArrayList<>();
    if (g.recommendedGpuType() == null || g.minGpusPerReplica() == null || "infeasible".equals(verdict)) {
      out.add("INFEASIBLE: " + r.verdict(scope).map(Verdict::getReason)
          .orElse("no candidate GPU gives a feasible plan (see the GPU options and their reasons)"));
      r.verdict(scope).map(Verdict::getFix).filter(f -> !f.isEmpty()).ifPresent(f -> out.add("Nearest fix: " + f));
      return out;
    }
    String layout = "TP" + g.tensorParallel() + (g.pipelineParallel() != null && g.pipelineParallel() > 1 ? " x PP" + g.pipelineParallel() : "");
    StringBuilder first = new StringBuilder();
    first.append(g.minGpusPerReplica()).append(" x ").append(g.recommendedGpuType()).append(" per replica (").append(layout)
        .append("), ").append(g.minReplicas()).append("-").append(g.maxReplicas()).append(" replicas (")
        .append(g.totalGpus()).append(" GPUs at peak)");
    if (c != null && c.instanceType() != null && c.instancesAtMaxReplicas() != null && c.gpusPerInstance() != null) {
      // what is paid for: whole instances, and the GPUs on them no replica uses
      first.append(" on ").append(c.instancesAtMaxReplicas()).append(" x ").append(c.instanceType()).append(" (")
          .append(c.gpusPerInstance()).append(" x ").append(g.recommendedGpuType()).append(" each");
      if (c.idleGpusAtMaxReplicas() != null && c.idleGpusAtMaxReplicas() > 0) {
        first.append(", ").append(c.idleGpusAtMaxReplicas()).append(" idle");
      }
      first.append(")");
    }
    if (c != null && c.monthlyTotalCost() != null) {
      first.append(", $").append(String.format(java.util.Locale.ROOT, "%,.0f", c.monthlyTotalCost())).append("/month");
    }
    if ("ok".equals(verdict)) {
      first.append(", meets the latency targets");
    } else if ("sla_miss".equals(verdict)) {
      first.append(", MISSES the latency targets");
    }
    out.add(first.toString());
    if (t.ttftP50Ms() == null || t.ttftP99Ms() == null || t.estimatedItlMs() == null) {
      return out;
    }
    out.add("TTFT P50 " + Fmt.n(t.ttftP50Ms()) + " ms / P99 " + Fmt.n(t.ttftP99Ms()) + " ms, ITL " + Fmt.n(t.estimatedItlMs())
        + " ms at peak; " + Fmt.n(t.usableRpsPerReplica()) + " req/s planned per replica of " + Fmt.n(t.rpsCapacityPerReplica())
        + " req/s capacity (decode " + t.decodeBound() + "-bound, prefill " + t.prefillBound() + "-bound)");
    // a batch size given beside the planner's own batch, with why (the rules' comparison)
    r.finding(scope, "batch_choice").ifPresent(f -> out.add(f.getMessage()));
    // the engine's per-iteration token budget bounding the replica's capacity, with the budget that would lift it
    r.finding(scope, "token_budget_bound").ifPresent(f -> out.add(f.getMessage() + (f.getFix() == null || f.getFix().isEmpty() ? "" : "; " + f.getFix())));
    if ("sla_miss".equals(verdict)) {
      r.verdict(scope).map(Verdict::getFix).filter(f -> !f.isEmpty()).ifPresent(f -> out.add("Nearest fix: " + f));
    }
    return out;
  }
}
