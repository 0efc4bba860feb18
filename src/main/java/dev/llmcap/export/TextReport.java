package dev.llmcap.export;

import dev.llmcap.engine.Fmt;
import dev.llmcap.engine.TraceEntry;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.LLMCapacityPlan.GpuOption;
import dev.llmcap.model.LLMCapacityPlan.PlanFinding;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The terminal report: the answer first, then grouped sections with aligned values and units; colour only on a TTY. */
public final class TextReport {
  private final boolean colour;
  private final StringBuilder sb = new StringBuilder();

  private TextReport(boolean colour) {
    this.colour = colour;
  }

  /** Renders a plan; explain appends the audit trace and where each input came from. */
  public static String render(LLMCapacityPlan p, boolean colour, boolean explain, Map<String, String> provenance) {
    TextReport r = new TextReport(colour);
    r.plan(p, explain, provenance);
    return r.sb.toString();
  }

  private void plan(LLMCapacityPlan p, boolean explain, Map<String, String> provenance) {
    String status = "ok".equals(p.verdict()) ? green("OK") : "sla_miss".equals(p.verdict()) ? yellow("SLA MISS") : red("INFEASIBLE");
    line(bold("llmcap inference plan") + "  [" + status + "]");
    for (String h : p.headline()) {
      line(h);
    }
    line("");
    if (p.model() != null) {
      section("Model");
      row("model", p.model().displayName() + " (" + p.model().id() + ")", "");
      row("parameters", Fmt.n(p.model().paramsB()) + (p.model().experts() > 0 ? " (" + Fmt.n(p.model().activeParamsB()) + " active)" : ""), "B");
      row("precision", p.modelConfig().getPrecision() + " weights, " + p.modelConfig().getKvCachePrecision() + " KV cache", "");
    }
    var g = p.gpuResources();
    if (g.minGpusPerReplica() != null) {
      section("GPU resources");
      row("recommended GPU", g.recommendedGpuType(), "");
      row("GPUs per replica", g.minGpusPerReplica() + " (TP " + g.tensorParallel() + " x PP " + g.pipelineParallel() + ")", "");
      row("GPU memory per replica", num(g.gpuMemoryPerReplicaGb()), "GB");
      row("  weights", num(g.weightsGb()), "GB");
      row("  runtime (context, activations)", num(g.runtimeGb()), "GB");
      row("  KV cache at recommended batch", num(g.kvCacheGb()), "GB");
      row("  KV budget (usable - weights - runtime)", num(g.kvCacheBudgetGb()), "GB");
      row("KV cache per token", num(g.kvBytesPerToken()), "bytes");
      row("batch: recommended / max", g.recommendedBatchSize() + " / " + g.maxBatchSize(), "sequences");
      row("replicas: min / max", g.minReplicas() + " / " + g.maxReplicas(), "");
      row("total GPUs at peak", String.valueOf(g.totalGpus()), "");
      var t = p.throughput();
      section("Throughput and latency (at peak, max replicas)");
      row("capacity per replica", num(t.rpsCapacityPerReplica()), "req/s");
      row("planned load per replica", num(t.usableRpsPerReplica()), "req/s");
      row("output tokens/s per replica", num(t.tpsPerReplica()), "tokens/s");
      row("fleet capacity", num(t.maxRpsCapacity()), "req/s");
      row("TTFT P50 / P99", num(t.ttftP50Ms()) + " / " + num(t.ttftP99Ms()), "ms");
      row("ITL mean / P99", num(t.estimatedItlMs()) + " / " + num(t.itlP99Ms()), "ms");
      row("utilisation at peak", pct(t.utilizationAtPeak()), "");
      row("bounds", "decode " + t.decodeBound() + ", prefill " + t.prefillBound(), "");
      row("meets latency SLA", t.meetsLatencySla() == null ? "-" : (t.meetsLatencySla() ? "yes" : "NO"), "");
      var sc = p.scaling();
      section("Autoscaling");
      row("scale out above", num(sc.autoScaleRpsThreshold()), "req/s per replica");
      row("or GPU utilisation above", num(sc.autoScaleGpuUtilThreshold()), "%");
      row("or TTFT P99 above", num(sc.autoScaleLatencyThresholdMs()), "ms");
      row("or waiting requests above", String.valueOf(sc.autoScaleQueueDepthThreshold()), "per replica");
      row("or KV-cache usage above", pct(sc.autoScaleKvCacheUsageThreshold()), "");
      row("cold start", num(sc.coldStartS()), "s");
      row("scale-down stabilisation", num(sc.scaleDownStabilizationS()), "s");
      if (sc.scalingAction() != null) {
        row("current replicas", sc.scalingAction(), "");
      }
      var st = p.storage();
      section("Storage");
      row("model (object store + image)", num(st.modelStorageGb()), "GB");
      row("node caches", num(st.cacheStorageGb()), "GB");
      row("logs", num(st.logStorageGb()), "GB");
      row("total", num(st.totalStorageGb()), "GB");
      var n = p.network();
      section("Network (design load)");
      row("bandwidth in / out", num(n.bandwidthInMbps()) + " / " + num(n.bandwidthOutMbps()), "Mbit/s");
      row("connections", String.valueOf(n.connectionLimit()), "");
      row("load balancers", String.valueOf(n.recommendedLoadBalancers()), "");
      if (p.cost() != null) {
        var c = p.cost();
        section("Cost (" + c.currency() + ", " + c.cloud() + (c.region() == null ? "" : " " + c.region()) + ")");
        if (c.monthlyGpuCost() == null) {
          row("GPU cost", "no list price", "");
        } else {
          row("GPU price", money(c.gpuHourlyUsd()) + " (" + c.instanceType() + ")", "per GPU-hour");
          row("GPU cost, expected mix", money(c.monthlyGpuCost()), "per month");
          row("  at min / max replicas", money(c.monthlyGpuCostAtMinReplicas()) + " / " + money(c.monthlyGpuCostAtMaxReplicas()), "per month");
          row("storage + egress + LBs", money(c.monthlyStorageCost()) + " + " + money(c.monthlyNetworkCost()) + " + "
              + money(c.monthlyLoadBalancerCost()), "per month");
          row("total", money(c.monthlyTotalCost()), "per month");
          row("cost per 1M tokens (in + out)", money(c.costPerMillionTokens()), "");
          row("price date", c.priceDate(), "");
        }
      }
    }
    if (!p.findings().isEmpty()) {
      section("Findings");
      for (PlanFinding f : p.findings()) {
        line("  - " + f.kind() + (f.scope() == null || f.scope().isEmpty() ? "" : " [" + f.scope() + "]") + ": " + f.message());
        if (f.fix() != null) {
          line("      fix: " + f.fix());
        }
      }
    }
    if (p.gpuOptions() != null && p.gpuOptions().size() > 1) {
      section("GPU options (cheapest first)");
      line(String.format(Locale.ROOT, "  %-4s %-16s %-10s %8s %10s %10s %14s", "rank", "gpu", "verdict", "GPUs/rep", "replicas", "TTFT P99", "USD/month"));
      for (GpuOption o : p.gpuOptions()) {
        line(String.format(Locale.ROOT, "  %-4d %-16s %-10s %8s %10s %10s %14s", o.rank(), o.gpu(), o.verdict(),
            o.gpusPerReplica() == null ? "-" : o.gpusPerReplica(),
            o.minReplicas() == null ? "-" : o.minReplicas() + "-" + o.maxReplicas(),
            o.ttftP99Ms() == null ? "-" : Fmt.n(o.ttftP99Ms()), o.monthlyTotalCost() == null ? "-" : money(o.monthlyTotalCost())));
        if (!"ok".equals(o.verdict())) {
          line("       " + o.reason());
        }
      }
    }
    section("Rules");
    line("  " + p.rules().folder() + " (sha256 " + p.rules().sha256().substring(0, 12) + ", " + p.rules().files().size() + " files)");
    if (explain) {
      section("Inputs");
      provenance.forEach((k, v) -> line("  " + k + ": " + v));
      section("Audit trace (rule -> conclusion = formula; inputs; assumptions)");
      if (p.trace() != null) {
        for (TraceEntry e : p.trace()) {
          line(String.format(Locale.ROOT, "%4d. [%s]%s %s", e.getStep(), e.getRule(), e.getScope().isEmpty() ? "" : " " + e.getScope(), e.getConclusion()));
          if (!e.getFormula().isEmpty()) {
            line("        = " + e.getFormula());
          }
          for (String a : e.getAssumptions()) {
            line("        assumption " + a);
          }
        }
      }
    }
  }

  private void section(String title) {
    line("");
    line(bold(title));
  }

  private void row(String label, String value, String unit) {
    line(String.format(Locale.ROOT, "  %-40s %18s %s", label, value == null ? "-" : value, unit).replaceAll("\\s+$", ""));
  }

  private void line(String s) {
    sb.append(s).append('\n');
  }

  private static String num(Double v) {
    return v == null ? "-" : Fmt.n(v);
  }

  private static String pct(Double v) {
    return v == null ? "-" : Fmt.n(v * 100) + "%";
  }

  private static String money(Double v) {
    if (v == null) {
      return "-";
    }
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "$%,.0f", v) : String.format(Locale.ROOT, "$%.4g", v);
  }

  private String bold(String s) { return colour ? "\u001b[1m" + s + "\u001b[0m" : s; }
  private String green(String s) { return colour ? "\u001b[32m" + s + "\u001b[0m" : s; }
  private String yellow(String s) { return colour ? "\u001b[33m" + s + "\u001b[0m" : s; }
  private String red(String s) { return colour ? "\u001b[31m" + s + "\u001b[0m" : s; }

}
