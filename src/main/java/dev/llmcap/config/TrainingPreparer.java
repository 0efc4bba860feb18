package dev.llmcap.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcap.catalog.Catalog;
import dev.llmcap.catalog.GpuSpec;
import dev.llmcap.catalog.ModelSpec;
import dev.llmcap.engine.Assumptions;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.ServiceInput;
import dev.llmcap.model.TrainingInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a raw training request into one the training rules can use: validates it against the training schema,
 * resolves model and GPU names in the catalogs, and fills unset inputs from the `default.*` assumptions.
 */
public final class TrainingPreparer {
  private static final ObjectMapper JSON = Json.shared();

  private final Catalog catalog;
  private final Assumptions assumptions;

  public TrainingPreparer(Catalog catalog, Assumptions assumptions) {
    this.catalog = catalog;
    this.assumptions = assumptions;
  }

  /** Validates and completes a training request; the GPUs planned are the one requested, or every catalog GPU. */
  public PreparedRequest prepare(PlanRequest raw, Map<String, String> provenance) throws InputException, RuleSetException {
    PlanRequest r = SchemaValidator.canonicalCopy("training", raw);
    r.setMode("training");
    if (r.getTraining() == null) {
      throw new InputException("training is required in training mode (dataset_size_tokens, sequence_length, num_epochs, global_batch_size)");
    }
    ObjectNode doc = (ObjectNode) Json.withoutNulls(JSON.valueToTree(r));
    doc.remove("workload");
    if (doc.path("options").isObject()) {
      ((ObjectNode) doc.get("options")).remove("compare_gpus");
    }
    List<String> problems = new ArrayList<>(SchemaValidator.validate("training", doc));
    TrainingInput t = r.getTraining();
    if (t.getLoraRank() != null && (t.getMethod() == null || "full".equals(t.getMethod()))) {
      problems.add("training.lora_rank applies to method lora or qlora (got method " + (t.getMethod() == null ? "full (default)" : t.getMethod()) + ")");
    }
    Map<String, String> from = new LinkedHashMap<>(provenance);
    Optional<ModelSpec> model = Optional.empty();
    if (r.getModel().getModelName() != null) {
      model = catalog.model(r.getModel().getModelName());
      if (model.isEmpty()) {
        problems.add("model.model_name '" + r.getModel().getModelName() + "' is not in the model catalog; known models: " + catalog.modelIds());
      }
    }
    String gpuName = r.getGpu().getGpuType();
    Optional<GpuSpec> gpu = gpuName == null ? Optional.empty() : catalog.gpu(gpuName);
    if (gpuName != null && gpu.isEmpty()) {
      problems.add("gpu.gpu_type '" + gpuName + "' is not in the GPU catalog; known GPUs: " + catalog.gpuIds());
    }
    if (t.getLayout() != null && problems.isEmpty()) {
      String canonical = LayoutSpec.check(t.getLayout(), t.getNumGpus(), model, gpu, problems);
      if (canonical != null) {
        t.setLayout(canonical);
        if (t.getNumGpus() == null) {
          t.setNumGpus(LayoutSpec.gpus(canonical));
          from.put("training.num_gpus", "from training.layout " + canonical);
        }
        if (t.getTargetDays() != null) {
          problems.add("training.layout fixes the GPU count; drop training.target_days (or the layout, to let the plan size the cluster)");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    model.ifPresent(m -> r.getModel().setModelName(m.getId()));
    applyDefaults(r, from);
    List<GpuSpec> gpus = new ArrayList<>();
    if (gpu.isPresent()) {
      r.getGpu().setGpuType(gpu.get().getId());
      gpus.add(r.getGpu().getGpuMemoryGb() == null ? gpu.get() : gpu.get().withMemoryGb(r.getGpu().getGpuMemoryGb()));
    } else {
      gpus.addAll(catalog.gpus());
      from.put("gpu.gpu_type", "not given: every catalog GPU is planned and the cheapest run recommended");
    }
    List<ModelSpec> models = model.map(List::of).orElse(catalog.models());
    return new PreparedRequest(r, gpus, models, from);
  }

  private void applyDefaults(PlanRequest r, Map<String, String> from) throws RuleSetException {
    InputDefaults defaults = new InputDefaults(assumptions, from);
    TrainingInput t = r.getTraining();
    if (t.getMicroBatchSize() == null) {
      t.setMicroBatchSize((int) defaults.number("default.micro_batch_size", "training.micro_batch_size"));
    }
    if (t.getOptimizerType() == null) {
      t.setOptimizerType(defaults.text("default.optimizer_type", "training.optimizer_type"));
    }
    if (t.getGradientCheckpointing() == null) {
      t.setGradientCheckpointing(defaults.number("default.gradient_checkpointing", "training.gradient_checkpointing") > 0);
    }
    if (t.getSequenceParallel() == null) {
      t.setSequenceParallel(defaults.number("default.sequence_parallel", "training.sequence_parallel") > 0);
    }
    if (t.getTrainingPrecision() == null) {
      t.setTrainingPrecision(defaults.text("default.training_precision", "training.training_precision"));
    }
    if (t.getMethod() == null) {
      t.setMethod(defaults.text("default.training_method", "training.method"));
    }
    if (!"full".equals(t.getMethod()) && t.getLoraRank() == null) {
      t.setLoraRank((int) defaults.number("default.lora_rank", "training.lora_rank"));
    }
    if (r.getModel().getPrecision() == null) {
      r.getModel().setPrecision(defaults.text("default.precision", "model.precision"));
    }
    ServiceInput s = r.getService();
    defaults.service(s);
  }


}
