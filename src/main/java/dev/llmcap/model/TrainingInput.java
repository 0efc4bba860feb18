package dev.llmcap.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A fine-tuning or training run (seed: TrainingInput). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"dataset_size_tokens", "sequence_length", "num_epochs", "global_batch_size", "micro_batch_size",
    "gradient_accumulation_steps", "optimizer_type", "gradient_checkpointing", "training_precision", "method", "lora_rank",
    "num_gpus", "target_days", "layout", "sequence_parallel", "gradient_sync_overlap", "scaleout_gbits_per_gpu", "gpus_per_node"})
public class TrainingInput {
  private Long datasetSizeTokens;
  private Integer sequenceLength;
  private Integer numEpochs;
  private Integer globalBatchSize;
  private Integer microBatchSize;
  private Integer gradientAccumulationSteps;
  private String optimizerType;
  private Boolean gradientCheckpointing;
  private String trainingPrecision;
  private String method;
  private Integer loraRank;
  private Integer numGpus;
  private Double targetDays;
  private String layout;
  private Boolean sequenceParallel;
  private Boolean gradientSyncOverlap;
  private Double scaleoutGbitsPerGpu;
  private Integer gpusPerNode;

  public TrainingInput() {}

  public TrainingInput(long datasetSizeTokens, int sequenceLength, int numEpochs, int globalBatchSize) {
    this.datasetSizeTokens = datasetSizeTokens;
    this.sequenceLength = sequenceLength;
    this.numEpochs = numEpochs;
    this.globalBatchSize = globalBatchSize;
  }

  public Long getDatasetSizeTokens() { return datasetSizeTokens; }
  public void setDatasetSizeTokens(Long v) { this.datasetSizeTokens = v; }
  public Integer getSequenceLength() { return sequenceLength; }
  public void setSequenceLength(Integer v) { this.sequenceLength = v; }
  public Integer getNumEpochs() { return numEpochs; }
  public void setNumEpochs(Integer v) { this.numEpochs = v; }
  public Integer getGlobalBatchSize() { return globalBatchSize; }
  public void setGlobalBatchSize(Integer v) { this.globalBatchSize = v; }
  public Integer getMicroBatchSize() { return microBatchSize; }
  public void setMicroBatchSize(Integer v) { this.microBatchSize = v; }
  public Integer getGradientAccumulationSteps() { return gradientAccumulationSteps; }
  public void setGradientAccumulationSteps(Integer v) { this.gradientAccumulationSteps = v; }
  public String getOptimizerType() { return optimizerType; }
  public void setOptimizerType(String v) { this.optimizerType = v; }
  public Boolean getGradientCheckpointing() { return gradientCheckpointing; }
  public void setGradientCheckpointing(Boolean v) { this.gradientCheckpointing = v; }
  public String getTrainingPrecision() { return trainingPrecision; }
  public void setTrainingPrecision(String v) { this.trainingPrecision = v; }
  /** full, lora or qlora. */
  public String getMethod() { return method; }
  public void setMethod(String v) { this.method = v; }
  public Integer getLoraRank() { return loraRank; }
  public void setLoraRank(Integer v) { this.loraRank = v; }
  /** Plan for this many GPUs (duration follows). */
  public Integer getNumGpus() { return numGpus; }
  public void setNumGpus(Integer v) { this.numGpus = v; }
  /** Size the cluster to finish within this many days. */
  public Double getTargetDays() { return targetDays; }
  public void setTargetDays(Double v) { this.targetDays = v; }
  /** A fixed parallel layout such as TP8,PP16,DP64 (null: the rules search for the fastest). */
  public String getLayout() { return layout; }
  public void setLayout(String v) { this.layout = v; }
  /**
   * Whether tensor-parallel ranks split the layer norms, residual adds and dropout along the sequence (Megatron-LM
   * sequence parallelism) or each repeat them on the whole micro batch (null: the engine default, on).
   */
  public Boolean getSequenceParallel() { return sequenceParallel; }
  public void setSequenceParallel(Boolean v) { this.sequenceParallel = v; }
  /**
   * Whether the data-parallel gradient reduction runs beside the backward pass (bucketed hooks, as in PyTorch DDP, FSDP,
   * Megatron-LM) or only after it (false: e.g. DeepSpeed 0.3 ZeRO stage 1, which GPT-NeoX 2022 ran); null: the engine
   * default, overlapped.
   */
  public Boolean getGradientSyncOverlap() { return gradientSyncOverlap; }
  public void setGradientSyncOverlap(Boolean v) { this.gradientSyncOverlap = v; }
  /** The run's scale-out network per GPU in Gb/s line rate (null: the catalog instance or the assumptions decide). */
  public Double getScaleoutGbitsPerGpu() { return scaleoutGbitsPerGpu; }
  public void setScaleoutGbitsPerGpu(Double v) { this.scaleoutGbitsPerGpu = v; }
  /** GPUs per node of the run's cluster, sharing the fast link (null: the catalog instance or the GPU catalog decide). */
  public Integer getGpusPerNode() { return gpusPerNode; }
  public void setGpusPerNode(Integer v) { this.gpusPerNode = v; }

  public TrainingInput optimizerType(String v) { this.optimizerType = v; return this; }
  public TrainingInput gradientCheckpointing(boolean v) { this.gradientCheckpointing = v; return this; }
}
