package dev.llmcap.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.llmcap.model.LLMCapacityPlan;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * CSV (FR-5.3): one row per plan, flattened columns whose names carry their unit, in a fixed order, so the rows of
 * many plans append into one table ({@link #rows}). Written with Jackson's CSV module.
 */
public final class CsvExporter implements PlanExporter<LLMCapacityPlan> {
  /** The columns, made when CSV is first written (not when the exporter is registered: ~70 lambdas a text plan never needs). */
  private static final class Columns {
    static final List<Map.Entry<String, Function<LLMCapacityPlan, Object>>> ALL = columns();
  }

  @Override public String format() { return "csv"; }
  @Override public List<String> extensions() { return List.of("csv"); }
  @Override public Class<LLMCapacityPlan> planType() { return LLMCapacityPlan.class; }

  @Override
  public byte[] export(LLMCapacityPlan plan, ExportContext context) {
    return rows(List.of(plan), true).getBytes(StandardCharsets.UTF_8);
  }

  /** The column names, in their fixed order. */
  public static List<String> header() {
    return Columns.ALL.stream().map(Map.Entry::getKey).toList();
  }

  /** One row per plan under one header (when header is true); append more rows later with header false. */
  public static String rows(List<LLMCapacityPlan> plans, boolean header) {
    CsvSchema.Builder b = CsvSchema.builder();
    Columns.ALL.forEach(c -> b.addColumn(c.getKey()));
    CsvSchema schema = b.build().withUseHeader(header).withLineSeparator("\n");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (LLMCapacityPlan p : plans) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (var c : Columns.ALL) {
        row.put(c.getKey(), cell(c.getValue().apply(p)));
      }
      rows.add(row);
    }
    try {
      return CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build().writer(schema).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plan cannot be written as CSV: " + e.getOriginalMessage(), e);
    }
  }

  /** Numbers without exponent or trailing zeros (locale independent); booleans as true/false; null as empty. */
  private static Object cell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? "" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }

  private static List<Map.Entry<String, Function<LLMCapacityPlan, Object>>> columns() {
    List<Map.Entry<String, Function<LLMCapacityPlan, Object>>> c = new ArrayList<>();
    c.add(Map.entry("service_id", p -> p.service() == null ? null : p.service().getServiceId()));
    c.add(Map.entry("environment", p -> p.service() == null ? null : p.service().getEnvironment()));
    c.add(Map.entry("mode", LLMCapacityPlan::mode));
    c.add(Map.entry("verdict", LLMCapacityPlan::verdict));
    c.add(Map.entry("model_id", p -> p.model() == null ? null : p.model().id()));
    c.add(Map.entry("model_params_b", p -> p.model() == null ? null : p.model().paramsB()));
    c.add(Map.entry("precision", p -> p.modelConfig() == null ? null : p.modelConfig().getPrecision()));
    c.add(Map.entry("kv_cache_precision", p -> p.modelConfig() == null ? null : p.modelConfig().getKvCachePrecision()));
    c.add(Map.entry("context_window_tokens", p -> p.modelConfig() == null ? null : p.modelConfig().getContextWindow()));
    c.add(Map.entry("requests_per_second", p -> p.workloadInput() == null ? null : p.workloadInput().getRequestsPerSecond()));
    c.add(Map.entry("avg_input_tokens", p -> p.workloadInput() == null ? null : p.workloadInput().getAvgInputTokens()));
    c.add(Map.entry("avg_output_tokens", p -> p.workloadInput() == null ? null : p.workloadInput().getAvgOutputTokens()));
    c.add(Map.entry("peak_load_multiplier", p -> p.workloadInput() == null ? null : p.workloadInput().getPeakLoadMultiplier()));
    c.add(Map.entry("growth_rate_pct", p -> p.workloadInput() == null ? null : p.workloadInput().getGrowthRate()));
    c.add(Map.entry("target_ttft_p50_ms", p -> p.modelConfig() == null ? null : p.modelConfig().getTargetLatencyP50Ms()));
    c.add(Map.entry("target_ttft_p99_ms", p -> p.modelConfig() == null ? null : p.modelConfig().getTargetLatencyP99Ms()));
    c.add(Map.entry("target_itl_ms", p -> p.modelConfig() == null ? null : p.modelConfig().getTargetItlMs()));
    c.add(Map.entry("gpu_type", p -> p.gpuResources().recommendedGpuType()));
    c.add(Map.entry("gpus_per_replica", p -> p.gpuResources().minGpusPerReplica()));
    c.add(Map.entry("tensor_parallel", p -> p.gpuResources().tensorParallel()));
    c.add(Map.entry("pipeline_parallel", p -> p.gpuResources().pipelineParallel()));
    c.add(Map.entry("min_replicas", p -> p.gpuResources().minReplicas()));
    c.add(Map.entry("max_replicas", p -> p.gpuResources().maxReplicas()));
    c.add(Map.entry("total_gpus", p -> p.gpuResources().totalGpus()));
    c.add(Map.entry("gpu_memory_per_replica_gb", p -> p.gpuResources().gpuMemoryPerReplicaGb()));
    c.add(Map.entry("weights_gb", p -> p.gpuResources().weightsGb()));
    c.add(Map.entry("runtime_gb", p -> p.gpuResources().runtimeGb()));
    c.add(Map.entry("kv_cache_gb", p -> p.gpuResources().kvCacheGb()));
    c.add(Map.entry("kv_cache_budget_gb", p -> p.gpuResources().kvCacheBudgetGb()));
    c.add(Map.entry("kv_bytes_per_token", p -> p.gpuResources().kvBytesPerToken()));
    c.add(Map.entry("recommended_batch_sequences", p -> p.gpuResources().recommendedBatchSize()));
    c.add(Map.entry("max_batch_sequences", p -> p.gpuResources().maxBatchSize()));
    c.add(Map.entry("rps_capacity_per_replica", p -> p.throughput().rpsCapacityPerReplica()));
    c.add(Map.entry("usable_rps_per_replica", p -> p.throughput().usableRpsPerReplica()));
    c.add(Map.entry("max_rps_capacity", p -> p.throughput().maxRpsCapacity()));
    c.add(Map.entry("output_tokens_per_s_per_replica", p -> p.throughput().tpsPerReplica()));
    c.add(Map.entry("ttft_p50_ms", p -> p.throughput().ttftP50Ms()));
    c.add(Map.entry("ttft_p99_ms", p -> p.throughput().ttftP99Ms()));
    c.add(Map.entry("itl_ms", p -> p.throughput().estimatedItlMs()));
    c.add(Map.entry("itl_p99_ms", p -> p.throughput().itlP99Ms()));
    c.add(Map.entry("utilization_at_peak_fraction", p -> p.throughput().utilizationAtPeak()));
    c.add(Map.entry("meets_latency_sla", p -> p.throughput().meetsLatencySla()));
    c.add(Map.entry("autoscale_rps_threshold_per_replica", p -> p.scaling().autoScaleRpsThreshold()));
    c.add(Map.entry("autoscale_gpu_util_threshold_pct", p -> p.scaling().autoScaleGpuUtilThreshold()));
    c.add(Map.entry("autoscale_ttft_p99_threshold_ms", p -> p.scaling().autoScaleLatencyThresholdMs()));
    c.add(Map.entry("autoscale_queue_depth_threshold_requests", p -> p.scaling().autoScaleQueueDepthThreshold()));
    c.add(Map.entry("autoscale_kv_cache_usage_threshold_fraction", p -> p.scaling().autoScaleKvCacheUsageThreshold()));
    c.add(Map.entry("cold_start_s", p -> p.scaling().coldStartS()));
    c.add(Map.entry("scale_up_stabilization_s", p -> p.scaling().scaleUpStabilizationS()));
    c.add(Map.entry("scale_down_stabilization_s", p -> p.scaling().scaleDownStabilizationS()));
    c.add(Map.entry("model_storage_gb", p -> p.storage().modelStorageGb()));
    c.add(Map.entry("cache_storage_gb", p -> p.storage().cacheStorageGb()));
    c.add(Map.entry("log_storage_gb", p -> p.storage().logStorageGb()));
    c.add(Map.entry("total_storage_gb", p -> p.storage().totalStorageGb()));
    c.add(Map.entry("bandwidth_in_mbps", p -> p.network().bandwidthInMbps()));
    c.add(Map.entry("bandwidth_out_mbps", p -> p.network().bandwidthOutMbps()));
    c.add(Map.entry("egress_gb_per_month", p -> p.network().egressGbPerMonth()));
    c.add(Map.entry("connection_limit", p -> p.network().connectionLimit()));
    c.add(Map.entry("load_balancers", p -> p.network().recommendedLoadBalancers()));
    c.add(Map.entry("cloud", p -> cost(p).map(LLMCapacityPlan.Cost::cloud).orElse(null)));
    c.add(Map.entry("region", p -> cost(p).map(LLMCapacityPlan.Cost::region).orElse(null)));
    c.add(Map.entry("instance_type", p -> cost(p).map(LLMCapacityPlan.Cost::instanceType).orElse(null)));
    c.add(Map.entry("gpu_hourly_usd", p -> cost(p).map(LLMCapacityPlan.Cost::gpuHourlyUsd).orElse(null)));
    c.add(Map.entry("monthly_gpu_cost_usd", p -> cost(p).map(LLMCapacityPlan.Cost::monthlyGpuCost).orElse(null)));
    c.add(Map.entry("monthly_gpu_cost_at_min_replicas_usd", p -> cost(p).map(LLMCapacityPlan.Cost::monthlyGpuCostAtMinReplicas).orElse(null)));
    c.add(Map.entry("monthly_gpu_cost_at_max_replicas_usd", p -> cost(p).map(LLMCapacityPlan.Cost::monthlyGpuCostAtMaxReplicas).orElse(null)));
    c.add(Map.entry("monthly_storage_cost_usd", p -> cost(p).map(LLMCapacityPlan.Cost::monthlyStorageCost).orElse(null)));
    c.add(Map.entry("monthly_network_cost_usd", p -> cost(p).map(LLMCapacityPlan.Cost::monthlyNetworkCost).orElse(null)));
    c.add(Map.entry("monthly_load_balancer_cost_usd", p -> cost(p).map(LLMCapacityPlan.Cost::monthlyLoadBalancerCost).orElse(null)));
    c.add(Map.entry("monthly_total_cost_usd", p -> cost(p).map(LLMCapacityPlan.Cost::monthlyTotalCost).orElse(null)));
    c.add(Map.entry("cost_per_million_tokens_usd", p -> cost(p).map(LLMCapacityPlan.Cost::costPerMillionTokens).orElse(null)));
    c.add(Map.entry("rules_sha256", p -> p.rules() == null ? null : p.rules().sha256()));
    return List.copyOf(c);
  }

  private static Optional<LLMCapacityPlan.Cost> cost(LLMCapacityPlan p) {
    return Optional.ofNullable(p.cost());
  }
}
