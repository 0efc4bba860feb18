package dev.llmcap.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The serving workload: request rate, tokens per request and load shape (seed: LLMWorkloadInput). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"requests_per_second", "avg_input_tokens", "avg_output_tokens", "peak_load_multiplier", "growth_rate", "concurrency"})
public class LLMWorkloadInput {
  private Double requestsPerSecond;
  private Integer avgInputTokens;
  private Integer avgOutputTokens;
  private Double peakLoadMultiplier;
  private Double growthRate;
  private Integer concurrency;

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
  /** Closed-loop benchmark mode: this many requests kept in flight on one replica (optional). */
  public Integer getConcurrency() { return concurrency; }
  public void setConcurrency(Integer v) { this.concurrency = v; }

  public LLMWorkloadInput peakLoadMultiplier(double v) { this.peakLoadMultiplier = v; return this; }
  public LLMWorkloadInput growthRate(double v) { this.growthRate = v; return this; }
}
