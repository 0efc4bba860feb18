package dev.llmcap.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.llmcap.engine.TraceEntry;
import dev.llmcap.model.LLMCapacityPlan.AssumptionUsed;
import dev.llmcap.model.LLMCapacityPlan.ModelSummary;
import dev.llmcap.model.LLMCapacityPlan.PlanFinding;
import dev.llmcap.model.LLMCapacityPlan.RulesInfo;
import java.util.List;

/**
 * The training capacity plan (seed: TrainingCapacityPlan), every number read back from facts the training rules derived.
 * Sections carry the seed's fields first, then llmcap's additions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"mode", "verdict", "headline", "training_input", "model_config", "gpu_config", "service", "model",
    "gpu_resources", "training_metrics", "data_parallel_config", "layout_search", "goodput", "storage", "cost", "findings", "gpu_options", "assumptions",
    "rules", "trace"})
public record TrainingCapacityPlan(
    String mode,
    String verdict,
    List<String> headline,
    TrainingInput trainingInput,
    ModelConfig modelConfig,
    GpuConfig gpuConfig,
    ServiceInput service,
    ModelSummary model,
    GpuResources gpuResources,
    TrainingMetrics trainingMetrics,
    DataParallelConfig dataParallelConfig,
    LayoutSearch layoutSearch,
    Goodput goodput,
    Storage storage,
    Cost cost,
    List<PlanFinding> findings,
    List<GpuOption> gpuOptions,
    List<AssumptionUsed> assumptions,
    RulesInfo rules,
    List<TraceEntry> trace) {

  /**
   * GPU memory and counts. Seed fields first: memory per GPU, then the model-state totals before sharding (weights,
   * gradients, optimizer states incl. FP32 master weights) and activations of one micro batch; then the per-GPU split
   * of the planned layout, sharding and the gradient-checkpointing comparison (FR-2.6.6); last the two phases whose
   * larger sets memory per GPU: a training step and the model load (weights plus the load transient, e.g. QLoRA's NF4
   * quantisation), and which of them sets it ("training step" or "model load").
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GpuResources(Double gpuMemoryPerGpuGb, Double modelWeightsGb, Double gradientsGb, Double optimizerStatesGb,
      Double activationsGb, Integer requiredGpus, String recommendedGpuType, Integer gpusPerNode, Integer numNodes,
      String method, Double paramsB, Double trainableParamsB, Double frozenParamsB, String sharding, Integer zeroStage,
      Integer tensorParallel, Integer pipelineParallel, Double weightsPerGpuGb, Double gradientsPerGpuGb, Double optimizerPerGpuGb,
      Double activationsPerGpuGb, Double runtimeOverheadGb, Double usableMemoryGb, Integer minGpusToFit,
      Double activationsWithoutCheckpointingGb, Double activationsWithCheckpointingGb, Double checkpointingSavingGb,
      Double memoryPerGpuWithoutCheckpointingGb, Double memoryPerGpuWithCheckpointingGb, Double trainingStepMemoryPerGpuGb,
      Double loadPeakMemoryPerGpuGb, String peakMemoryPhase) {}

  /** Throughput and duration (seed fields first). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TrainingMetrics(Double tokensPerSecondPerGpu, Double totalTokensPerSecond, Long stepsPerEpoch, Long totalSteps,
      Double estimatedDurationHours, Double estimatedDurationDays, Double totalTokens, Double flopsPerToken,
      Double modelFlopsPerToken, Double peakTflops, Double mfu, Double gpuHours, @JsonProperty("duration_hours_at_2x_gpus") Double durationHoursAt2xGpus,
      @JsonProperty("duration_hours_at_4x_gpus") Double durationHoursAt4xGpus, Double gpusForDeadline,
      Double idealTokensPerSecondPerGpu, Double pipelineBubbleFraction) {}

  /** Data-parallel configuration and the batch arithmetic (seed fields first). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DataParallelConfig(Integer dataParallelSize, Integer effectiveBatchSize, Integer gradientAccumulationSteps,
      Integer microBatchSize, Integer requestedGlobalBatchSize, Integer requestedGradientAccumulationSteps, String batchAdjustment) {}

  /**
   * The chosen parallel layout (TP8,PP16,VP2,CP2,EP8,DP64,ZERO1 spelling), its predicted step time term by term (seconds:
   * compute, MoE imbalance, exposed TP/CP/EP communication, pipeline bubble and sends, exposed DP sync and ZeRO-3
   * gathers), which term binds, the achieved MFU, and the fastest layouts compared on the same cluster.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LayoutSearch(String layout, Integer virtualPipelineStages, Integer contextParallel, Integer expertParallel,
      Double stepTimeS, java.util.Map<String, Double> stepTermsS, String binding, Double achievedMfu, List<LayoutChoice> fastestLayouts) {}

  /** One layout compared by the search (rank 1 is the one chosen). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LayoutChoice(int rank, String layout, String sharding, Double stepTimeS, Double peakMemoryPerGpuGb, boolean keepsGlobalBatch,
      String largestOverhead) {}

  /** Failures, checkpoints and production overheads: MTBF, checkpoint write and Young/Daly interval, goodput, ideal vs expected time. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Goodput(Double jobMtbfHours, Double checkpointWriteS, Double checkpointIntervalHours, Double goodput,
      Double productionEfficiency, Double expectedFailures,
      Double idealDurationDays, Double expectedDurationDays, Double idealGpuHours, Double expectedGpuHours) {}

  /** Storage (seed fields first): model_checkpoint_gb is one full-state checkpoint. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Storage(Double modelCheckpointGb, Double datasetStorageGb, Double totalStorageGb, Double checkpointWeightsOnlyGb,
      Double checkpointStorageGb, Double tokenIdBytes) {}

  /** One catalog GPU planned for the run (when none was requested), cheapest finishing run first. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GpuOption(int rank, String gpu, String verdict, Integer gpus, String sharding, Double durationDays,
      Double totalTrainingCost, String reason) {}

  /** Cost for the chosen cloud and region (seed fields first): gpu_cost_per_hour is the price of one GPU-hour. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cost(Double gpuCostPerHour, Double totalTrainingCost, Double costPerEpoch, String currency,
      Double clusterCostPerHour, Double gpuHours, Double gpuCost, Double storageCost, String cloud, String region,
      String instanceType, String priceDate, String priceSource) {}
}
