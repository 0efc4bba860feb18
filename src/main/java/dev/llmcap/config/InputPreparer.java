package dev.llmcap.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcap.catalog.Catalog;
import dev.llmcap.catalog.GpuSpec;
import dev.llmcap.catalog.ModelSpec;
import dev.llmcap.engine.Assumptions;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.model.GpuConfig;
import dev.llmcap.model.LLMWorkloadInput;
import dev.llmcap.model.ModelConfig;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.ServiceInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a raw request into one the rules can use: validates it against the mode's JSON Schema, resolves model and GPU
 * names in the catalogs, and fills unset inputs from the `default.*` assumptions (recording each default it used).
 */
public final class InputPreparer {
  private static final ObjectMapper JSON = Json.shared();

  private final Catalog catalog;
  private final Assumptions assumptions;

  public InputPreparer(Catalog catalog, Assumptions assumptions) {
    this.catalog = catalog;
    this.assumptions = assumptions;
  }

  /** Validates and completes an inference request; compareGpus adds every catalog GPU as a candidate. */
  public PreparedRequest inference(PlanRequest raw, Map<String, String> provenance) throws InputException, RuleSetException {
    Map<String, String> traced = new LinkedHashMap<>(provenance);
    TraceWorkload.apply(raw.getWorkload(), traced);
    provenance = traced;
    PlanRequest r = SchemaValidator.canonicalCopy("inference", raw);
    if (r.getMode() == null) {
      r.setMode("inference");
    }
    JsonNode doc = Json.withoutNulls(JSON.valueToTree(r));
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc).remove("training");
    List<String> problems = new ArrayList<>(SchemaValidator.validate("inference", doc));
    if (problems.isEmpty()) {
      problems.addAll(TraceWorkload.checkPercentiles(r.getWorkload()));
    }
    Optional<ModelSpec> model = Optional.empty();
    if (r.getModel().getModelName() != null) {
      model = catalog.model(r.getModel().getModelName());
      if (model.isEmpty()) {
        problems.add("model.model_name '" + r.getModel().getModelName() + "' is not in the model catalog"
            + didYouMean(r.getModel().getModelName(), catalog.modelIds()) + " known models: " + catalog.modelIds());
      }
    }
    Optional<GpuSpec> gpu = Optional.empty();
    if (r.getGpu().getGpuType() != null) {
      gpu = catalog.gpu(r.getGpu().getGpuType());
      if (gpu.isEmpty()) {
        problems.add("gpu.gpu_type '" + r.getGpu().getGpuType() + "' is not in the GPU catalog"
            + didYouMean(r.getGpu().getGpuType(), catalog.gpuIds()) + " known GPUs: " + catalog.gpuIds());
      }
    }
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    Map<String, String> from = new LinkedHashMap<>(provenance);
    model.ifPresent(m -> r.getModel().setModelName(m.getId()));
    gpu.ifPresent(g -> r.getGpu().setGpuType(g.getId()));
    applyDefaults(r, from);

    List<GpuSpec> gpus = new ArrayList<>();
    boolean compare = r.getOptions().getCompareGpus() == null || r.getOptions().getCompareGpus();
    if (gpu.isPresent()) {
      GpuSpec chosen = r.getGpu().getGpuMemoryGb() == null ? gpu.get() : gpu.get().withMemoryGb(r.getGpu().getGpuMemoryGb());
      gpus.add(chosen);
    }
    if (gpu.isEmpty() || compare) {
      for (GpuSpec g : catalog.gpus()) {
        if (gpu.isEmpty() || !g.getId().equals(gpu.get().getId())) {
          gpus.add(g);
        }
      }
    }
    List<ModelSpec> models = model.map(List::of).orElse(catalog.models());
    return new PreparedRequest(r, gpus, models, from);
  }

  private static String didYouMean(String bad, String ids) {
    return SchemaValidator.closest(bad, List.of(ids.split(", "))).map(n -> "; did you mean '" + n + "'?").orElse(";");
  }

  private void applyDefaults(PlanRequest r, Map<String, String> from) throws RuleSetException {
    InputDefaults defaults = new InputDefaults(assumptions, from);
    LLMWorkloadInput w = r.getWorkload();
    ModelConfig m = r.getModel();
    GpuConfig g = r.getGpu();
    ServiceInput s = r.getService();
    if (w.getPeakLoadMultiplier() == null) {
      w.setPeakLoadMultiplier(defaults.number("default.peak_load_multiplier", "workload.peak_load_multiplier"));
    }
    if (w.getGrowthRate() == null) {
      w.setGrowthRate(defaults.number("default.growth_rate", "workload.growth_rate"));
    }
    if (m.getPrecision() == null) {
      m.setPrecision(defaults.text("default.precision", "model.precision"));
    }
    if (m.getKvCachePrecision() == null) {
      m.setKvCachePrecision(defaults.text("default.kv_cache_precision." + m.getPrecision(), "model.kv_cache_precision"));
    }
    if (m.getContextWindow() == null) {
      m.setContextWindow((int) defaults.number("default.context_window", "model.context_window"));
    }
    if (m.getBatchSize() == null) {
      m.setBatchSize((int) defaults.number("default.batch_size", "model.batch_size"));
    }
    if (g.getTargetGpuUtilization() == null) {
      g.setTargetGpuUtilization(defaults.number("default.target_gpu_utilization", "gpu.target_gpu_utilization"));
    }
    defaults.service(s);
  }


}
