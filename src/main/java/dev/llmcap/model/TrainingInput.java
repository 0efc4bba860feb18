package dev.llmcap.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A fine-tuning or training run (seed: TrainingInput). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"dataset_size_tokens", "sequence_length", "num_epochs", "global_batch_size", "micro_batch_size",
    "gradient_accumulation_steps", "optimizer_type", "gradient_checkpointing", "training_precision", "method", "lora_rank",
    "num_gpus", "target_days", "layout", "sequence_parallel"})
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

  public TrainingInput optimizerType(String v) { this.optimizerType = v; return this; }
  public TrainingInput gradientCheckpointing(boolean v) { this.gradientCheckpointing = v; return this; }
}
