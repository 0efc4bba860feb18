package dev.llmcap.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Accelerator choice and utilisation policy (seed: GPUConfig). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"gpu_type", "gpu_memory_gb", "target_gpu_utilization", "current_replicas", "tensor_parallel", "spare_replicas", "instance_type"})
public class GpuConfig {
  private String gpuType;
  private Double gpuMemoryGb;
  private Double targetGpuUtilization;
  private Integer currentReplicas;
  private Integer tensorParallel;
  private Integer spareReplicas;
  private String instanceType;

  public GpuConfig() {}

  /** Catalog id or alias; absent means "recommend one". */
  public String getGpuType() { return gpuType; }
  public void setGpuType(String v) { this.gpuType = v; }
  /** Overrides the catalog's memory per GPU, in GB. */
  public Double getGpuMemoryGb() { return gpuMemoryGb; }
  public void setGpuMemoryGb(Double v) { this.gpuMemoryGb = v; }
  /** Fraction of a replica's capacity to plan for (0-1). */
  public Double getTargetGpuUtilization() { return targetGpuUtilization; }
  public void setTargetGpuUtilization(Double v) { this.targetGpuUtilization = v; }
  public Integer getCurrentReplicas() { return currentReplicas; }
  public void setCurrentReplicas(Integer v) { this.currentReplicas = v; }
  /** Forces the tensor-parallel degree instead of letting the rules choose it. */
  public Integer getTensorParallel() { return tensorParallel; }
  public void setTensorParallel(Integer v) { this.tensorParallel = v; }
  /** Replicas kept beyond the load and availability floor (e.g. to ride out a spot interruption). */
  public Integer getSpareReplicas() { return spareReplicas; }
  public void setSpareReplicas(Integer v) { this.spareReplicas = v; }
  /** Instance type the plan is restricted to (e.g. p5.48xlarge); absent means "the cheapest offer that holds the layout". */
  public String getInstanceType() { return instanceType; }
  public void setInstanceType(String v) { this.instanceType = v; }
  /** Spare replicas, 0 when none were asked for. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public int getSpareReplicasOrZero() { return spareReplicas == null ? 0 : spareReplicas; }
}
