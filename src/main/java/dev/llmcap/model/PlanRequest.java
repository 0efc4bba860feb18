package dev.llmcap.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Everything one plan needs: the mode and the input sections of the seed's configuration file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"mode", "workload", "training", "model", "gpu", "service", "options"})
public class PlanRequest {
  private String mode = "inference";
  private LLMWorkloadInput workload = new LLMWorkloadInput();
  private TrainingInput training;
  private ModelConfig model = new ModelConfig();
  private GpuConfig gpu = new GpuConfig();
  private ServiceInput service = new ServiceInput();
  private PlanOptions options = new PlanOptions();

  public PlanRequest() {}

  /** An inference request from the seed's two required records. */
  public static PlanRequest inference(LLMWorkloadInput workload, ModelConfig model) {
    PlanRequest r = new PlanRequest();
    r.setWorkload(workload);
    r.setModel(model);
    return r;
  }

  public String getMode() { return mode; }
  public void setMode(String v) { this.mode = v; }
  public LLMWorkloadInput getWorkload() { return workload; }
  public void setWorkload(LLMWorkloadInput v) { this.workload = v == null ? new LLMWorkloadInput() : v; }
  public TrainingInput getTraining() { return training; }
  public void setTraining(TrainingInput v) { this.training = v; }
  public ModelConfig getModel() { return model; }
  public void setModel(ModelConfig v) { this.model = v == null ? new ModelConfig() : v; }
  public GpuConfig getGpu() { return gpu; }
  public void setGpu(GpuConfig v) { this.gpu = v == null ? new GpuConfig() : v; }
  public ServiceInput getService() { return service; }
  public void setService(ServiceInput v) { this.service = v == null ? new ServiceInput() : v; }
  public PlanOptions getOptions() { return options; }
  public void setOptions(PlanOptions v) { this.options = v == null ? new PlanOptions() : v; }
}
