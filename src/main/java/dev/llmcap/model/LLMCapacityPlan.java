package dev.llmcap.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.llmcap.engine.TraceEntry;
import java.util.List;

/**
 * The inference capacity plan (seed: LLMCapacityPlan), every number read back from facts the rules derived.
 * Sections carry the seed's fields first, then llmcap's additions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"mode", "verdict", "headline", "workload_input", "model_config", "gpu_config", "service", "model",
    "gpu_resources", "throughput", "latency_vs_load", "storage", "network", "scaling", "cost", "findings", "gpu_options", "assumptions",
    "rules", "trace"})
public record LLMCapacityPlan(
    String mode,
    String verdict,
    List<String> headline,
    LLMWorkloadInput workloadInput,
    ModelConfig modelConfig,
    GpuConfig gpuConfig,
    ServiceInput service,
    ModelSummary model,
    GpuResources gpuResources,
    Throughput throughput,
    Storage storage,
    Network network,
    Scaling scaling,
    Cost cost,
    List<PlanFinding> findings,
    List<GpuOption> gpuOptions,
    List<AssumptionUsed> assumptions,
    RulesInfo rules,
    List<TraceEntry> trace,
    List<LoadPoint> latencyVsLoad) {

  /** The model architecture the plan used and where it came from. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ModelSummary(String id, String displayName, double paramsB, double activeParamsB, int layers, int hiddenSize,
      int attentionHeads, int kvHeads, int headDim, String attention, int experts, String source) {}

  /**
   * GPU memory and counts (seed fields first). recommendedBatchSize is the batch the plan runs with (the batch size given,
   * when one is); plannerBatchSize is the planner's own choice, present only beside a batch size given.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GpuResources(Double gpuMemoryPerReplicaGb, Integer minGpusPerReplica, String recommendedGpuType,
      Integer minReplicas, Integer maxReplicas, Integer totalGpus, Integer tensorParallel, Integer pipelineParallel,
      Double weightsGb, Double kvCacheGb, Double runtimeGb, Double kvCacheBudgetGb, Double kvBytesPerToken,
      Integer maxBatchSize, Integer recommendedBatchSize, Double gpuMemoryProvisionedGb, Integer plannerBatchSize) {}

  /** Throughput and latency at the planned operating point (seed fields first). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Throughput(Double tpsPerReplica, Double totalTpsCapacity, Double maxRpsCapacity, Double estimatedTtftMs,
      Double estimatedItlMs, Boolean meetsLatencySla, Double ttftP50Ms, Double ttftP99Ms, Double itlP99Ms,
      Double rpsCapacityPerReplica, Double usableRpsPerReplica, Double utilizationAtPeak, Double decodeStepMs,
      Double prefillMs, String decodeBound, String prefillBound) {}

  /** Storage needs (seed fields first). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Storage(Double modelStorageGb, Double cacheStorageGb, Double totalStorageGb, Double logStorageGb) {}

  /** Network needs (seed fields first). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Network(Double bandwidthMbps, Integer connectionLimit, Integer recommendedLoadBalancers,
      Double bandwidthInMbps, Double bandwidthOutMbps, Double egressGbPerMonth) {}

  /** Replica range and autoscaling thresholds (seed fields first). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Scaling(Integer recommendedMinReplicas, Integer recommendedMaxReplicas, Double autoScaleRpsThreshold,
      Double autoScaleGpuUtilThreshold, Double autoScaleLatencyThresholdMs, Integer autoScaleQueueDepthThreshold,
      Double autoScaleKvCacheUsageThreshold, Double coldStartS, Double scaleUpStabilizationS,
      Double scaleDownStabilizationS, Integer currentReplicas, String scalingAction) {}

  /** Cost for the chosen cloud and region (seed fields first). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cost(Double monthlyGpuCost, Double costPerMillionTokens, Double monthlyTotalCost, String currency,
      Double gpuHourlyUsd, Double monthlyGpuCostAtMinReplicas, Double monthlyGpuCostAtMaxReplicas,
      Double monthlyStorageCost, Double monthlyNetworkCost, Double monthlyLoadBalancerCost, String cloud, String region,
      String instanceType, String priceDate, String priceSource, String pricing, Double instanceHourlyUsd,
      Integer gpusPerInstance, Integer instancesPerReplica, Integer replicasPerInstance, Integer instancesAtMinReplicas,
      Integer instancesAtMaxReplicas, Double expectedInstances, Integer idleGpusAtMaxReplicas) {}

  /** A non-numeric conclusion: verdict reasons, bounds, warnings and advice. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record PlanFinding(String scope, String kind, String message, String fix) {}

  /** One candidate GPU type, for the ranked list of options (FR-2.1.3). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GpuOption(int rank, String gpu, String verdict, Integer gpusPerReplica, Integer minReplicas,
      Integer maxReplicas, Integer totalGpus, Double ttftP99Ms, Double itlMs, Double monthlyTotalCost,
      Double costPerMillionTokens, String reason, String cloud, String region, String pricing, String instanceType,
      Integer instances, Integer idleGpus, String calibration) {}

  /** An assumption the rules used, with its value and source. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AssumptionUsed(String name, Double value, String text, String unit, String description, String source) {}

  /** One point of the latency-vs-load curve the rules derived for the recommended GPU (the report's chart). */
  public record LoadPoint(int loadPercent, Double rpsPerReplica, Double ttftP50Ms, Double ttftP99Ms) {}

  /** Which rules made the plan. */
  public record RulesInfo(String folder, String sha256, List<String> files) {}
}
