package dev.llmcap.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcap.config.ConfigLoader;
import dev.llmcap.config.FlagBinding;
import dev.llmcap.config.InputException;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.LLMCapacityPlan.GpuOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Option ranking: plans one workload for every candidate GPU in each cloud (one plan per cloud, reading the per-GPU
 * verdicts and costs the rules derive for the plan's GPU comparison), then ranks the options that meet the SLA and have
 * a price by monthly cost of whole instances and lists why each other option was rejected. Each option names the region,
 * pricing model and instance type the rules chose (the cheapest region of the cloud unless the config or --region names
 * one), the instances at maximum replicas, their idle GPUs and whether the GPU's efficiencies are calibrated; calibrated
 * options rank before uncalibrated ones.
 */
public final class OptionRanking {
  /** One GPU in one cloud: rank (0 when rejected), verdict, sizes, latency, cost and the rules' reason. */
  public record Option(int rank, String gpu, String cloud, String region, String instanceType, String status,
      Integer gpusPerReplica, Integer minReplicas, Integer maxReplicas, Integer totalGpus, Double ttftP99Ms, Double itlMs,
      Double monthlyTotalCostUsd, Double costPerMillionTokensUsd, String reason, String pricing, Integer instances,
      Integer idleGpus, String calibration) {
    /** Whether the option is ranked (meets the SLA and has a price). */
    public boolean ranked() {
      return rank > 0;
    }
  }

  /** The ranking: ranked options first (cheapest first), then the rejected ones; and what was planned. */
  public record Result(List<Option> options, String workload, List<String> clouds) {}

  private final LLMForecastEngine engine;

  public OptionRanking(LLMForecastEngine engine) {
    this.engine = engine;
  }

  /**
   * Ranks the GPUs (null or empty: every catalog GPU) over the clouds (empty: the config's cloud or the default),
   * in the region when given.
   */
  public Result rank(Path config, List<String> gpus, List<String> clouds, String region) throws InputException, RuleSetException {
    return rank(config, gpus, clouds, region, List.of());
  }

  /** As rank(config, gpus, clouds, region), for each pricing model (empty: the config's or the default). */
  public Result rank(Path config, List<String> gpus, List<String> clouds, String region, List<String> pricings)
      throws InputException, RuleSetException {
    List<String> cloudList = clouds.isEmpty() ? List.of("") : clouds;
    List<String> pricingList = pricings.isEmpty() ? java.util.Collections.singletonList((String) null) : pricings;
    Set<String> wanted = gpus == null || gpus.isEmpty() ? null : Set.copyOf(gpus);
    List<Option> all = new ArrayList<>();
    String workload = null;
    List<String> cloudsPlanned = new ArrayList<>();
    for (String cloud : cloudList) {
      for (String pricing : pricingList) {
        LLMCapacityPlan plan = engine.plan(request(config, cloud, region, pricing), Map.of(), false);
        String c = plan.service().getCloudProvider();
        if (!cloudsPlanned.contains(c)) {
          cloudsPlanned.add(c);
        }
        if (workload == null) {
          workload = describe(plan);
        }
        for (GpuOption o : plan.gpuOptions() == null ? List.<GpuOption>of() : plan.gpuOptions()) {
          if (wanted != null && !wanted.contains(o.gpu())) {
            continue;
          }
          all.add(new Option(0, o.gpu(), c, o.region(), o.instanceType(), o.verdict(), o.gpusPerReplica(), o.minReplicas(),
              o.maxReplicas(), o.totalGpus(), o.ttftP99Ms(), o.itlMs(), o.monthlyTotalCost(), o.costPerMillionTokens(), o.reason(),
              o.pricing() != null ? o.pricing() : plan.service().getPricing(), o.instances(), o.idleGpus(), o.calibration()));
        }
      }
    }
    List<Option> ranked = new ArrayList<>();
    List<Option> rejected = new ArrayList<>();
    for (Option o : all) {
      (("ok".equals(o.status()) && o.monthlyTotalCostUsd() != null) ? ranked : rejected).add(o);
    }
    ranked.sort(Comparator.<Option>comparingInt(o -> "uncalibrated".equals(o.calibration()) ? 1 : 0)
        .thenComparingDouble(Option::monthlyTotalCostUsd)
        .thenComparingInt(o -> o.totalGpus() == null ? Integer.MAX_VALUE : o.totalGpus())
        .thenComparing(Option::gpu).thenComparing(Option::cloud));
    rejected.sort(Comparator.comparingInt(OptionRanking::rejectionOrder).thenComparing(Option::gpu).thenComparing(Option::cloud)
        .thenComparing(o -> o.pricing() == null ? "" : o.pricing()));
    List<Option> out = new ArrayList<>();
    int rank = 0;
    for (Option o : ranked) {
      out.add(new Option(++rank, o.gpu(), o.cloud(), o.region(), o.instanceType(), o.status(), o.gpusPerReplica(),
          o.minReplicas(), o.maxReplicas(), o.totalGpus(), o.ttftP99Ms(), o.itlMs(), o.monthlyTotalCostUsd(),
          o.costPerMillionTokensUsd(), o.reason(), o.pricing(), o.instances(), o.idleGpus(), o.calibration()));
    }
    out.addAll(rejected);
    return new Result(out, workload, cloudsPlanned);
  }

  private static int rejectionOrder(Option o) {
    switch (o.status()) {
      case "ok": return 0; // no price in that cloud
      case "sla_miss": return 1;
      default: return 2;
    }
  }

  private static String describe(LLMCapacityPlan p) {
    String model = p.model() == null ? p.modelConfig().getModelName() : p.model().id();
    return model + " " + p.modelConfig().getPrecision() + ", " + (p.workloadInput().getRequestsPerSecond() == null
        ? p.workloadInput().getConcurrency() + " users" : dev.llmcap.engine.Fmt.n(p.workloadInput().getRequestsPerSecond()) + " req/s") + ", " + p.workloadInput().getAvgInputTokens() + " input / " + p.workloadInput().getAvgOutputTokens() + " output tokens";
  }

  private static dev.llmcap.model.PlanRequest request(Path config, String cloud, String region, String pricing) throws InputException {
    ConfigLoader loader = new ConfigLoader().load(config);
    if (!"inference".equals(loader.mode())) {
      throw new InputException(config + ": compare ranks inference configs only (mode \"" + loader.mode() + "\")");
    }
    Map<String, FlagBinding.Target> flags = FlagBinding.inference();
    if (!cloud.isEmpty()) {
      loader.override("cloud", flags.get("cloud"), cloud);
    }
    if (region != null) {
      loader.override("region", flags.get("region"), region);
    } else if (loader.document().path("service").path("region").isMissingNode()) {
      loader.override("region", flags.get("region"), "cheapest");
    }
    if (pricing != null) {
      loader.override("pricing", flags.get("pricing"), pricing);
    }
    JsonNode g = loader.document().path("gpu");
    if (g.isObject()) {
      // every candidate GPU is planned with its catalog memory; a GPU named by the config is just one of them
      ((ObjectNode) g).remove(List.of("gpu_type", "gpu_memory_gb"));
    }
    loader.option("compare_gpus", true, "compare");
    return loader.toRequest();
  }

  /** Table rows (column to value) for csv, jsonl or json output. */
  public static List<Map<String, Object>> rows(Result r) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Option o : r.options()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rank", o.ranked() ? o.rank() : null);
      m.put("gpu", o.gpu());
      m.put("cloud", o.cloud());
      m.put("region", o.region());
      m.put("pricing", o.pricing());
      m.put("instance_type", o.instanceType());
      m.put("instances_at_max", o.instances());
      m.put("idle_gpus", o.idleGpus());
      m.put("efficiencies", o.calibration());
      m.put("status", o.ranked() ? "ok" : "rejected");
      m.put("verdict", o.status());
      m.put("gpus_per_replica", o.gpusPerReplica());
      m.put("min_replicas", o.minReplicas());
      m.put("max_replicas", o.maxReplicas());
      m.put("total_gpus", o.totalGpus());
      m.put("ttft_p99_ms", o.ttftP99Ms());
      m.put("itl_ms", o.itlMs());
      m.put("monthly_total_cost_usd", o.monthlyTotalCostUsd());
      m.put("cost_per_million_tokens_usd", o.costPerMillionTokensUsd());
      m.put("reason", o.reason());
      out.add(m);
    }
    return out;
  }

  /** Column names of rows(). */
  public static List<String> columns() {
    return List.of("rank", "gpu", "cloud", "region", "pricing", "instance_type", "instances_at_max", "idle_gpus", "efficiencies", "status", "verdict", "gpus_per_replica", "min_replicas",
        "max_replicas", "total_gpus", "ttft_p99_ms", "itl_ms", "monthly_total_cost_usd", "cost_per_million_tokens_usd", "reason");
  }
}
