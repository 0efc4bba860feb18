package dev.llmcap.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Output options of a configuration file (seed: options section). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"include_cost", "output_file", "compare_gpus"})
public class PlanOptions {
  private Boolean includeCost;
  private String outputFile;
  private Boolean compareGpus;

  public PlanOptions() {}

  public Boolean getIncludeCost() { return includeCost; }
  public void setIncludeCost(Boolean v) { this.includeCost = v; }
  public String getOutputFile() { return outputFile; }
  public void setOutputFile(String v) { this.outputFile = v; }
  /** Whether to plan every catalog GPU for the ranked list of alternatives. */
  public Boolean getCompareGpus() { return compareGpus; }
  public void setCompareGpus(Boolean v) { this.compareGpus = v; }
}
