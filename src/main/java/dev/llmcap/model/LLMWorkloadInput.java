package dev.llmcap.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The serving workload: request rate, tokens per request and load shape (seed: LLMWorkloadInput). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"requests_per_second", "avg_input_tokens", "avg_output_tokens", "peak_load_multiplier", "growth_rate", "concurrency",
    "input_tokens_p50", "input_tokens_p99", "output_tokens_p50", "output_tokens_p99", "arrival_dispersion", "trace", "slo_profile",
    "think_time_s", "replicas", "max_num_seqs", "max_num_batched_tokens", "num_scheduler_steps", "disaggregated"})
public class LLMWorkloadInput {
  private Double requestsPerSecond;
  private Integer avgInputTokens;
  private Integer avgOutputTokens;
  private Double peakLoadMultiplier;
  private Double growthRate;
  private Integer concurrency;
  private Integer inputTokensP50;
  private Integer inputTokensP99;
  private Integer outputTokensP50;
  private Integer outputTokensP99;
  private Double arrivalDispersion;
  private String trace;
  private String sloProfile;
  private Double thinkTimeS;
  private Integer replicas;
  private Integer maxNumSeqs;
  private Integer maxNumBatchedTokens;
  private Integer numSchedulerSteps;
  private String disaggregated;

  public LLMWorkloadInput() {}

  public LLMWorkloadInput(double requestsPerSecond, int avgInputTokens, int avgOutputTokens) {
    this.requestsPerSecond = requestsPerSecond;
    this.avgInputTokens = avgInputTokens;
    this.avgOutputTokens = avgOutputTokens;
  }

  public Double getRequestsPerSecond() { return requestsPerSecond; }
  public void setRequestsPerSecond(Double v) { this.requestsPerSecond = v; }
  public Integer getAvgInputTokens() { return avgInputTokens; }
  public void setAvgInputTokens(Integer v) { this.avgInputTokens = v; }
  public Integer getAvgOutputTokens() { return avgOutputTokens; }
  public void setAvgOutputTokens(Integer v) { this.avgOutputTokens = v; }
  /** Peak over mean request rate (1.0-10.0). */
  public Double getPeakLoadMultiplier() { return peakLoadMultiplier; }
  public void setPeakLoadMultiplier(Double v) { this.peakLoadMultiplier = v; }
  /** Expected growth over the planning horizon, in percent (0-1000). */
  public Double getGrowthRate() { return growthRate; }
  public void setGrowthRate(Double v) { this.growthRate = v; }
  /** Closed loop: this many users, each with one request in flight (optional; replaces requestsPerSecond, the rules derive the rate). */
  public Integer getConcurrency() { return concurrency; }
  public void setConcurrency(Integer v) { this.concurrency = v; }

  /** Median prompt length, tokens (optional; with the P99 it sets the spread of prompt lengths). */
  public Integer getInputTokensP50() { return inputTokensP50; }
  public void setInputTokensP50(Integer v) { this.inputTokensP50 = v; }
  /** 99th-percentile prompt length, tokens (optional). */
  public Integer getInputTokensP99() { return inputTokensP99; }
  public void setInputTokensP99(Integer v) { this.inputTokensP99 = v; }
  /** Median completion length, tokens (optional). */
  public Integer getOutputTokensP50() { return outputTokensP50; }
  public void setOutputTokensP50(Integer v) { this.outputTokensP50 = v; }
  /** 99th-percentile completion length, tokens (optional). */
  public Integer getOutputTokensP99() { return outputTokensP99; }
  public void setOutputTokensP99(Integer v) { this.outputTokensP99 = v; }
  /** Index of dispersion of arrivals per second (variance / mean of the count; 1 = Poisson). */
  public Double getArrivalDispersion() { return arrivalDispersion; }
  public void setArrivalDispersion(Double v) { this.arrivalDispersion = v; }
  /** Request trace (Azure LLM inference trace CSV) whose lengths and burstiness describe the workload. */
  public String getTrace() { return trace; }
  public void setTrace(String v) { this.trace = v; }
  /** Default latency targets when none are given: interactive or batch. */
  public String getSloProfile() { return sloProfile; }
  public void setSloProfile(String v) { this.sloProfile = v; }
  /** Closed-loop users' think time between a response and their next request, seconds. */
  public Double getThinkTimeS() { return thinkTimeS; }
  public void setThinkTimeS(Double v) { this.thinkTimeS = v; }
  /** Plan at exactly this many replicas (latency at a given fleet size). */
  public Integer getReplicas() { return replicas; }
  public void setReplicas(Integer v) { this.replicas = v; }
  /** The serving engine's batch limit (sequences per replica); default: the max_num_seqs assumption. */
  public Integer getMaxNumSeqs() { return maxNumSeqs; }
  public void setMaxNumSeqs(Integer v) { this.maxNumSeqs = v; }
  /** The engine's token budget per continuous-batching iteration (prefill chunk limit); default: the max_num_batched_tokens assumption. */
  public Integer getMaxNumBatchedTokens() { return maxNumBatchedTokens; }
  public void setMaxNumBatchedTokens(Integer v) { this.maxNumBatchedTokens = v; }
  /** Decode steps the engine runs per scheduler call (vLLM --num-scheduler-steps, multi-step scheduling); default: the num_scheduler_steps assumption. */
  public Integer getNumSchedulerSteps() { return numSchedulerSteps; }
  public void setNumSchedulerSteps(Integer v) { this.numSchedulerSteps = v; }
  /** Compare with separate prefill and decode pools: off (default), on or auto. */
  public String getDisaggregated() { return disaggregated; }
  public void setDisaggregated(String v) { this.disaggregated = v; }

  public LLMWorkloadInput peakLoadMultiplier(double v) { this.peakLoadMultiplier = v; return this; }
  public LLMWorkloadInput growthRate(double v) { this.growthRate = v; return this; }
}
