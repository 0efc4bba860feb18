package dev.llmcap.export;

import dev.llmcap.engine.Fmt;
import dev.llmcap.model.LLMCapacityPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's figures grouped into titled sections of (label, value, unit) rows, shared by the text, Markdown and PDF reports. */
public final class ReportSections {
  private ReportSections() {}

  /** One line of a section; a text row holds prose rather than a number and is not aligned as one. */
  public record Row(String label, String value, String unit, boolean text) {}

  /** A titled group of rows. */
  public record Section(String title, List<Row> rows) {}

  /** Every section of an inference plan, in report order (empty when the plan is infeasible and has no figures). */
  public static List<Section> of(LLMCapacityPlan p) {
    List<Section> out = new ArrayList<>();
    if (p.model() != null) {
      List<Row> r = new ArrayList<>();
      r.add(text("model", p.model().displayName() + " (" + p.model().id() + ")"));
      r.add(num("parameters", Fmt.n(p.model().paramsB()) + (p.model().experts() > 0 ? " (" + Fmt.n(p.model().activeParamsB()) + " active)" : ""), "B"));
      r.add(text("precision", p.modelConfig().getPrecision() + " weights, " + p.modelConfig().getKvCachePrecision() + " KV cache"));
      out.add(new Section("Model", r));
    }
    var g = p.gpuResources();
    if (g.minGpusPerReplica() == null) {
      return out;
    }
    List<Row> r = new ArrayList<>();
    r.add(text("recommended GPU", g.recommendedGpuType()));
    r.add(text("GPUs per replica", g.minGpusPerReplica() + " (TP " + g.tensorParallel() + " x PP " + g.pipelineParallel() + ")"));
    r.add(num("GPU memory per replica", n(g.gpuMemoryPerReplicaGb()), "GB"));
    r.add(num("  weights", n(g.weightsGb()), "GB"));
    r.add(num("  runtime (context, activations)", n(g.runtimeGb()), "GB"));
    r.add(num("  KV cache at recommended batch", n(g.kvCacheGb()), "GB"));
    r.add(num("  KV budget (usable - weights - runtime)", n(g.kvCacheBudgetGb()), "GB"));
    r.add(num("KV cache per token", n(g.kvBytesPerToken()), "bytes"));
    if (g.plannerBatchSize() != null) {
      r.add(num("batch: yours / the planner's", g.recommendedBatchSize() + " / " + g.plannerBatchSize(), "sequences"));
    } else {
      r.add(num("batch: recommended / max", g.recommendedBatchSize() + " / " + g.maxBatchSize(), "sequences"));
    }
    r.add(num("replicas: min / max", g.minReplicas() + " / " + g.maxReplicas(), "replicas"));
    r.add(num("total GPUs at peak", String.valueOf(g.totalGpus()), "GPUs"));
    out.add(new Section("GPU resources", r));

    var t = p.throughput();
    r = new ArrayList<>();
    r.add(num("capacity per replica", n(t.rpsCapacityPerReplica()), "req/s"));
    r.add(num("planned load per replica", n(t.usableRpsPerReplica()), "req/s"));
    r.add(num("output tokens/s per replica", n(t.tpsPerReplica()), "tokens/s"));
    r.add(num("fleet capacity", n(t.maxRpsCapacity()), "req/s"));
    r.add(num("TTFT P50 / P99", n(t.ttftP50Ms()) + " / " + n(t.ttftP99Ms()), "ms"));
    r.add(num("ITL mean / P99", n(t.estimatedItlMs()) + " / " + n(t.itlP99Ms()), "ms"));
    r.add(num("utilisation at peak", pct(t.utilizationAtPeak()), ""));
    r.add(text("bounds", "decode " + t.decodeBound() + ", prefill " + t.prefillBound()));
    r.add(text("meets latency SLA", t.meetsLatencySla() == null ? "-" : (t.meetsLatencySla() ? "yes" : "NO")));
    out.add(new Section("Throughput and latency (at peak, max replicas)", r));

    var sc = p.scaling();
    r = new ArrayList<>();
    r.add(num("scale out above", n(sc.autoScaleRpsThreshold()), "req/s per replica"));
    r.add(num("or GPU utilisation above", sc.autoScaleGpuUtilThreshold() == null ? "-" : Fmt.n(sc.autoScaleGpuUtilThreshold()) + "%", ""));
    r.add(num("or TTFT P99 above", n(sc.autoScaleLatencyThresholdMs()), "ms"));
    r.add(num("or waiting requests above", String.valueOf(sc.autoScaleQueueDepthThreshold()), "per replica"));
    r.add(num("or KV-cache usage above", pct(sc.autoScaleKvCacheUsageThreshold()), ""));
    r.add(num("cold start", n(sc.coldStartS()), "s"));
    r.add(num("scale-down stabilisation", n(sc.scaleDownStabilizationS()), "s"));
    if (sc.scalingAction() != null) {
      r.add(text("current replicas", sc.scalingAction()));
    }
    out.add(new Section("Autoscaling", r));

    var st = p.storage();
    r = new ArrayList<>();
    r.add(num("model (object store + image)", n(st.modelStorageGb()), "GB"));
    r.add(num("node caches", n(st.cacheStorageGb()), "GB"));
    r.add(num("logs", n(st.logStorageGb()), "GB"));
    r.add(num("total", n(st.totalStorageGb()), "GB"));
    out.add(new Section("Storage", r));

    var nw = p.network();
    r = new ArrayList<>();
    r.add(num("bandwidth in / out", n(nw.bandwidthInMbps()) + " / " + n(nw.bandwidthOutMbps()), "Mbit/s"));
    r.add(num("connections", String.valueOf(nw.connectionLimit()), "concurrent"));
    r.add(num("load balancers", String.valueOf(nw.recommendedLoadBalancers()), ""));
    out.add(new Section("Network (design load)", r));

    if (p.cost() != null) {
      var c = p.cost();
      r = new ArrayList<>();
      if (c.monthlyGpuCost() == null) {
        r.add(text("GPU cost", "no list price"));
      } else {
        r.add(num("instance (" + c.instanceType() + ", " + c.pricing() + ")", money(c.instanceHourlyUsd()),
            "per instance-hour, " + c.gpusPerInstance() + " GPUs"));
        r.add(text("instances at min / max replicas", c.instancesAtMinReplicas() + " / " + c.instancesAtMaxReplicas()
            + (c.replicasPerInstance() != null ? " (" + c.replicasPerInstance() + " replicas per instance)"
                : c.instancesPerReplica() != null ? " (" + c.instancesPerReplica() + " instances per replica)" : "")));
        r.add(num("idle GPUs at max replicas", String.valueOf(c.idleGpusAtMaxReplicas()), "GPUs"));
        r.add(num("GPU price", money(c.gpuHourlyUsd()), "per GPU-hour"));
        r.add(num("GPU cost, expected mix", money(c.monthlyGpuCost()), "per month"));
        r.add(num("  at min / max replicas", money(c.monthlyGpuCostAtMinReplicas()) + " / " + money(c.monthlyGpuCostAtMaxReplicas()), "per month"));
        r.add(num("storage", money(c.monthlyStorageCost()), "per month"));
        r.add(num("egress", money(c.monthlyNetworkCost()), "per month"));
        r.add(num("load balancers", money(c.monthlyLoadBalancerCost()), "per month"));
        r.add(num("total", money(c.monthlyTotalCost()), "per month"));
        r.add(num("cost per 1M tokens (in + out)", money(c.costPerMillionTokens()), ""));
        r.add(text("price date", c.priceDate()));
        r.add(text("price source", c.priceSource()));
      }
      out.add(new Section("Cost (" + c.currency() + ", " + c.cloud() + (c.region() == null ? "" : " " + c.region()) + ")", r));
    }
    return out;
  }

  static Row num(String label, String value, String unit) {
    return new Row(label, value == null ? "-" : value, unit, false);
  }

  static Row text(String label, String value) {
    return new Row(label, value == null ? "-" : value, "", true);
  }

  static String n(Double v) {
    return v == null ? "-" : Fmt.n(v);
  }

  static String pct(Double v) {
    return v == null ? "-" : Fmt.n(v * 100) + "%";
  }

  /** Dollars: whole dollars with thousands separators from $100 up, four significant figures below. */
  static String money(Double v) {
    if (v == null) {
      return "-";
    }
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "$%,.0f", v) : String.format(Locale.ROOT, "$%.4g", v);
  }
}
