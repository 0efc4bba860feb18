package dev.llmcap.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The model to serve or train: catalog name or size, precision, context, batch and latency targets (seed: ModelConfig). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"model_name", "model_size_billions", "active_params_billions", "config_path", "precision", "kv_cache_precision", "context_window", "batch_size",
    "target_latency_p50_ms", "target_latency_p99_ms", "target_itl_ms", "target_e2e_p99_ms"})
public class ModelConfig {
  private String modelName;
  private Double modelSizeBillions;
  private Double activeParamsBillions;
  private String configPath;
  private String precision;
  private String kvCachePrecision;
  private Integer contextWindow;
  private Integer batchSize;
  private boolean batchSizeGiven;
  private boolean contextWindowGiven;
  private Double targetLatencyP50Ms;
  private Double targetLatencyP99Ms;
  private Double targetItlMs;
  private Double targetE2eP99Ms;

  public ModelConfig() {}

  public ModelConfig(double modelSizeBillions, String precision) {
    this.modelSizeBillions = modelSizeBillions;
    this.precision = precision;
  }

  /** Catalog id or alias of the model, e.g. llama-3.1-70b (optional when a size is given). */
  public String getModelName() { return modelName; }
  public void setModelName(String v) { this.modelName = v; }
  public Double getModelSizeBillions() { return modelSizeBillions; }
  public void setModelSizeBillions(Double v) { this.modelSizeBillions = v; }
  /** Active parameters per token in billions, with model_size_billions: estimate a mixture-of-experts model. */
  public Double getActiveParamsBillions() { return activeParamsBillions; }
  public void setActiveParamsBillions(Double v) { this.activeParamsBillions = v; }
  /** A Hugging Face config.json (or a folder holding one) to read the architecture from instead of the catalog. */
  public String getConfigPath() { return configPath; }
  public void setConfigPath(String v) { this.configPath = v; }
  public String getPrecision() { return precision; }
  public void setPrecision(String v) { this.precision = v; }
  /** Precision of the KV cache; defaults by weight precision (the weights' 16-bit dtype, as vLLM and SGLang do; FP8 only when asked). */
  public String getKvCachePrecision() { return kvCachePrecision; }
  public void setKvCachePrecision(String v) { this.kvCachePrecision = v; }
  public Integer getContextWindow() { return contextWindow; }
  public void setContextWindow(Integer v) { this.contextWindow = v; this.contextWindowGiven = v != null; }
  public Integer getBatchSize() { return batchSize; }
  public void setBatchSize(Integer v) { this.batchSize = v; }
  /**
   * True when batch_size came from the user (config, flag or question), not the default: the plan then runs the engine at
   * that batch and shows the planner's own choice beside it. Set while inputs are prepared; not part of the config.
   */
  @JsonIgnore
  public boolean isBatchSizeGiven() { return batchSizeGiven; }
  @JsonIgnore
  public void setBatchSizeGiven(boolean v) { this.batchSizeGiven = v; }
  /**
   * Whether the user stated the context window (config or flag); when not, the rules may plan the model's own maximum
   * instead of the default when the requests do not fit it. Set while inputs are prepared; not part of the config.
   */
  @JsonIgnore
  public boolean isContextWindowGiven() { return contextWindowGiven; }
  @JsonIgnore
  public void setContextWindowGiven(boolean v) { this.contextWindowGiven = v; }
  /** Time-to-first-token target at the median, in ms. */
  public Double getTargetLatencyP50Ms() { return targetLatencyP50Ms; }
  public void setTargetLatencyP50Ms(Double v) { this.targetLatencyP50Ms = v; }
  /** Time-to-first-token target at the 99th percentile, in ms. */
  public Double getTargetLatencyP99Ms() { return targetLatencyP99Ms; }
  public void setTargetLatencyP99Ms(Double v) { this.targetLatencyP99Ms = v; }
  /** Inter-token latency target, in ms per output token (optional). */
  public Double getTargetItlMs() { return targetItlMs; }
  public void setTargetItlMs(Double v) { this.targetItlMs = v; }
  /** End-to-end latency target at P99, ms (optional). */
  public Double getTargetE2eP99Ms() { return targetE2eP99Ms; }
  public void setTargetE2eP99Ms(Double v) { this.targetE2eP99Ms = v; }

  public ModelConfig contextWindow(int v) { setContextWindow(v); return this; }
  public ModelConfig modelName(String v) { this.modelName = v; return this; }
}
