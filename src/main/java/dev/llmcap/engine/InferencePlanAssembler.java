package dev.llmcap.engine;

import dev.llmcap.catalog.ModelSpec;
import dev.llmcap.config.PreparedRequest;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.LLMCapacityPlan.AssumptionUsed;
import dev.llmcap.model.LLMCapacityPlan.Cost;
import dev.llmcap.model.LLMCapacityPlan.GpuOption;
import dev.llmcap.model.LLMCapacityPlan.GpuResources;
import dev.llmcap.model.LLMCapacityPlan.LoadPoint;
import dev.llmcap.model.LLMCapacityPlan.ModelSummary;
import dev.llmcap.model.LLMCapacityPlan.Network;
import dev.llmcap.model.LLMCapacityPlan.PlanFinding;
import dev.llmcap.model.LLMCapacityPlan.RulesInfo;
import dev.llmcap.model.LLMCapacityPlan.Scaling;
import dev.llmcap.model.LLMCapacityPlan.Storage;
import dev.llmcap.model.LLMCapacityPlan.Throughput;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.fact.Assumption;
import dev.llmcap.model.fact.Finding;
import dev.llmcap.model.fact.Quantity;
import dev.llmcap.model.fact.Recommendation;
import dev.llmcap.model.fact.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the rules' conclusions back into the seed's plan shape. It copies values by name and orders lists for
 * display; it computes nothing.
 */
final class InferencePlanAssembler {
  private InferencePlanAssembler() {}

  static LLMCapacityPlan assemble(PreparedRequest prepared, SessionResult r, RuleBase rules, boolean withTrace) {
    PlanRequest req = prepared.request();
    String gpu = r.recommendations().isEmpty() ? req.getGpu().getGpuType() : r.recommendations().get(0).getGpu();
    String verdict;
    if (gpu == null) {
      verdict = "infeasible";
    } else {
      verdict = r.verdict(gpu).map(Verdict::getStatus).orElse(r.quantity(gpu, "meets_latency_sla").isPresent() ? "ok" : "infeasible");
    }
    String s = gpu == null ? "\u0000" : gpu;
    boolean costs = req.getOptions().getIncludeCost() == null || req.getOptions().getIncludeCost();

    GpuResources resources = new GpuResources(memoryPerReplica(r, s), r.whole(s, "gpus_per_replica"), gpu,
        r.whole(s, "min_replicas"), r.whole(s, "max_replicas"), r.whole(s, "total_gpus"), r.whole(s, "tensor_parallel"),
        r.whole(s, "pipeline_parallel"), round(r.value("", "weights_gb")), round(kvInUse(r, s)), round(r.value(s, "runtime_gb")),
        round(r.value(s, "kv_budget_gb")), round(r.value("", "kv_bytes_per_token")), r.whole(s, "max_batch"),
        r.whole(s, "recommended_batch"), provisioned(r, s, prepared), r.whole(s, "planner_batch"));
    Throughput throughput = new Throughput(round(r.value(s, "tps_per_replica")), round(r.value(s, "total_tps_capacity")),
        round(r.value(s, "max_rps_capacity")), round(r.value(s, "ttft_p50_ms")), round(r.value(s, "itl_ms")),
        r.quantity(s, "meets_latency_sla").map(q -> q.getValue() > 0).orElse(null), round(r.value(s, "ttft_p50_ms")),
        round(r.value(s, "ttft_p99_ms")), round(r.value(s, "itl_p99_ms")), round(r.value(s, "replica_rps_capacity")),
        round(r.value(s, "usable_rps_per_replica")), round(r.value(s, "utilization_at_peak")), round(r.value(s, "decode_step_ms")),
        round(r.value(s, "prefill_ms")), r.finding(s, "decode_bound").map(Finding::getMessage).orElse(null),
        r.finding(s, "prefill_bound").map(Finding::getMessage).orElse(null));
    Storage storage = new Storage(round(r.value("", "model_storage_gb")), round(r.value(s, "cache_storage_gb")),
        round(r.value(s, "total_storage_gb")), round(r.value("", "log_storage_gb")));
    Network network = new Network(round(r.value("", "bandwidth_mbps")), r.whole(s, "connection_limit"),
        r.whole(s, "recommended_load_balancers"), round(r.value("", "bandwidth_in_mbps")), round(r.value("", "bandwidth_out_mbps")),
        round(r.value("", "egress_gb_per_month")));
    Scaling scaling = new Scaling(r.whole(s, "min_replicas"), r.whole(s, "max_replicas"), round(r.value(s, "auto_scale_rps_threshold")),
        round(r.value(s, "auto_scale_gpu_util_threshold")), round(r.value(s, "auto_scale_latency_threshold_ms")),
        r.whole(s, "auto_scale_queue_depth_threshold"), round(r.value(s, "auto_scale_kv_cache_usage_threshold")),
        round(r.value(s, "cold_start_s")), round(r.value(s, "scale_up_stabilization_s")), round(r.value(s, "scale_down_stabilization_s")),
        req.getGpu().getCurrentReplicas(), r.finding(s, "scaling_action").map(Finding::getMessage).orElse(null));
    Cost cost = costs ? cost(r, s, prepared) : null;

    List<PlanFinding> findings = new ArrayList<>();
    for (Recommendation rec : r.recommendations()) {
      findings.add(new PlanFinding(rec.getGpu(), "recommendation", rec.getReason(), null));
    }
    if (gpu != null) {
      r.verdict(gpu).ifPresent(v -> findings.add(new PlanFinding(gpu, "verdict", v.getStatus() + ": " + v.getReason(), emptyToNull(v.getFix()))));
    } else {
      r.verdict("").ifPresent(v -> findings.add(new PlanFinding("", "verdict", v.getStatus() + ": " + v.getReason(), emptyToNull(v.getFix()))));
    }
    for (Finding f : r.findings(s, true)) {
      if (!f.getKind().equals("price") && !f.getKind().equals("decode_bound") && !f.getKind().equals("prefill_bound")
          && !f.getKind().equals("scaling_action")) {
        findings.add(new PlanFinding(f.getScope(), f.getKind(), f.getMessage(), emptyToNull(f.getFix())));
      }
    }
    List<AssumptionUsed> used = new ArrayList<>();
    for (Assumption a : r.assumptionsUsed()) {
      used.add(new AssumptionUsed(a.getName(), a.getNumber(), a.getText(), emptyToNull(a.getUnit()), a.getDescription(), a.getSource()));
    }
    List<String> headline = Headline.lines(verdict, resources, throughput, cost, r, gpu == null ? "" : s);
    return new LLMCapacityPlan("inference", verdict, headline, req.getWorkload(), req.getModel(), req.getGpu(), req.getService(),
        modelSummary(r), resources, throughput, storage, network, scaling, cost, findings, options(prepared, r),
        used, new RulesInfo(rules.displayDir(), rules.hash(), rules.ruleFiles()), withTrace ? r.trace() : null,
        latencyVsLoad(r, s));
  }

  /** The curve points the rules concluded as ttft_p99_ms_at_load_K (K percent of replica capacity), by K. */
  private static List<LoadPoint> latencyVsLoad(SessionResult r, String s) {
    String prefix = "ttft_p99_ms_at_load_";
    List<LoadPoint> points = new ArrayList<>();
    for (Quantity q : r.quantities().values()) {
      if (q.getScope().equals(s) && q.getName().startsWith(prefix)) {
        String k = q.getName().substring(prefix.length());
        points.add(new LoadPoint(Integer.parseInt(k), round(r.value(s, "rps_per_replica_at_load_" + k)),
            round(r.value(s, "ttft_p50_ms_at_load_" + k)), round(q.getValue())));
      }
    }
    points.sort(Comparator.comparingInt(LoadPoint::loadPercent));
    return points.isEmpty() ? null : points;
  }

  private static Double memoryPerReplica(SessionResult r, String s) {
    return round(r.value(s, "gpu_memory_per_replica_gb"));
  }

  /** KV cache the recommended batch holds. */
  private static Double kvInUse(SessionResult r, String s) {
    return r.value(s, "kv_in_use_gb");
  }

  private static Double provisioned(SessionResult r, String s, PreparedRequest p) {
    return round(r.value(s, "usable_memory_gb"));
  }

  private static Cost cost(SessionResult r, String s, PreparedRequest p) {
    String[] price = r.finding(s, "price").map(f -> f.getMessage().split("\\|", -1)).orElse(new String[0]);
    String currency = "USD";
    return new Cost(round2(r.value(s, "monthly_gpu_cost")), round4(r.value(s, "cost_per_million_tokens")),
        round2(r.value(s, "monthly_total_cost")), currency, round4(r.value(s, "gpu_hourly_usd")),
        round2(r.value(s, "monthly_gpu_cost_at_min")), round2(r.value(s, "monthly_gpu_cost_at_max")),
        round2(r.value(s, "monthly_storage_cost")), round2(r.value(s, "monthly_network_cost")),
        round2(r.value(s, "monthly_load_balancer_cost")), price.length > 0 ? price[0] : p.request().getService().getCloudProvider(),
        price.length > 1 ? price[1] : p.request().getService().getRegion(), price.length > 2 ? price[2] : null,
        price.length > 3 ? price[3] : null, price.length > 4 ? price[4] : null,
        price.length > 5 ? price[5] : p.request().getService().getPricing(), round4(r.value(s, "instance_hourly_usd")),
        r.whole(s, "gpus_per_instance"), positive(r.whole(s, "instances_per_replica")), positive(r.whole(s, "replicas_per_instance")),
        r.whole(s, "instances_at_min"), r.whole(s, "instances_at_max"), round(r.value(s, "expected_instances")), r.whole(s, "idle_gpus"));
  }

  private static Integer positive(Integer v) {
    return v == null || v <= 0 ? null : v;
  }

  /** The architecture the rules used, for the plan header (shared with training plans). */
  static ModelSummary modelSummary(SessionResult r) {
    Optional<ModelSpec> m = r.model();
    if (m.isEmpty()) {
      return null;
    }
    ModelSpec x = m.get();
    return new ModelSummary(x.getId(), x.getDisplayName(), x.getParamsB(), round(x.getActiveParamsB()), x.getLayers(),
        x.getHiddenSize(), x.getAttentionHeads(), x.getKvHeads(), x.getHeadDim(), x.getAttention(), x.getExperts(),
        String.join("; ", x.getSources()));
  }

  private static List<GpuOption> options(PreparedRequest p, SessionResult r) {
    List<String> ids = new ArrayList<>();
    p.gpus().forEach(g -> ids.add(g.getId()));
    ids.sort(Comparator.<String>comparingInt(id -> statusOrder(r, id))
        .thenComparingInt(id -> r.efficiencySource(id).map(e -> e.isCalibrated() ? 0 : 1).orElse(1))
        .thenComparing(id -> Optional.ofNullable(r.value(id, "monthly_total_cost")).orElse(Double.MAX_VALUE))
        .thenComparing(id -> Optional.ofNullable(r.value(id, "total_gpus")).orElse(Double.MAX_VALUE))
        .thenComparing(id -> id));
    List<GpuOption> out = new ArrayList<>();
    int rank = 0;
    for (String id : ids) {
      Optional<Verdict> v = r.verdict(id);
      String[] price = r.finding(id, "price").map(f -> f.getMessage().split("\\|", -1)).orElse(new String[0]);
      String status = v.map(Verdict::getStatus).orElse("infeasible");
      String reason = v.map(Verdict::getReason).orElse("no verdict derived");
      if (!"infeasible".equals(status) && r.value(id, "monthly_total_cost") == null) {
        reason = r.finding(id, "no_price").map(Finding::getMessage).orElse(reason);
      }
      out.add(new GpuOption(++rank, id, status, r.whole(id, "gpus_per_replica"), r.whole(id, "min_replicas"),
          r.whole(id, "max_replicas"), r.whole(id, "total_gpus"), round(r.value(id, "ttft_p99_ms")), round(r.value(id, "itl_ms")),
          round2(r.value(id, "monthly_total_cost")), round4(r.value(id, "cost_per_million_tokens")), reason,
          price.length > 0 ? price[0] : null, price.length > 1 ? price[1] : null, price.length > 5 ? price[5] : null,
          price.length > 2 ? price[2] : null, r.whole(id, "instances_at_max"), r.whole(id, "idle_gpus"),
          r.efficiencySource(id).map(e -> e.isCalibrated() ? "calibrated" : "uncalibrated").orElse(null)));
    }
    return out;
  }

  private static int statusOrder(SessionResult r, String id) {
    String st = r.verdict(id).map(Verdict::getStatus).orElse("infeasible");
    boolean priced = r.value(id, "monthly_total_cost") != null;
    if ("ok".equals(st)) {
      return priced ? 0 : 1;
    }
    if ("sla_miss".equals(st)) {
      return priced ? 2 : 3;
    }
    return 4;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** Display rounding: 4 decimals (3 significant figures are kept for small values). */
  static Double round(Double v) {
    if (v == null || v.isNaN() || v.isInfinite()) {
      return v == null || v.isNaN() ? null : v;
    }
    double a = Math.abs(v);
    if (a != 0 && a < 0.001) {
      return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue();
    }
    return java.math.BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }

  static Double round2(Double v) {
    return v == null || v.isNaN() || v.isInfinite() ? null : java.math.BigDecimal.valueOf(v).setScale(2, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }

  static Double round4(Double v) {
    return round(v);
  }
}
