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
    if (r.getModel().getConfigPath() != null) {
      if (r.getModel().getModelName() != null || r.getModel().getModelSizeBillions() != null) {
        problems.add("model.config_path cannot be combined with model.model_name or model.model_size_billions: give one of them");
      } else if (problems.isEmpty()) {
        ModelSpec fromConfig = HuggingFaceConfig.read(java.nio.file.Path.of(r.getModel().getConfigPath()));
        model = Optional.of(fromConfig);
        r.getModel().setModelName(fromConfig.getId());
        if (r.getModel().getPrecision() == null && fromConfig.getCheckpointPrecision() != null) {
          r.getModel().setPrecision(fromConfig.getCheckpointPrecision());
          provenance = new LinkedHashMap<>(provenance);
          provenance.put("model.precision", "config.json quantization_config");
        }
      }
    } else if (r.getModel().getModelName() != null) {
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
    Map<String, String> from = new LinkedHashMap<>(provenance);
    if (problems.isEmpty() && r.getGpu().getInstanceType() != null) {
      gpu = instanceTypeGpu(r, gpu, problems, from);
    }
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    model.ifPresent(m -> r.getModel().setModelName(m.getId()));
    gpu.ifPresent(g -> r.getGpu().setGpuType(g.getId()));
    applyDefaults(r, from);
    String badRegion = regionProblem(r.getService());
    if (badRegion != null) {
      throw new InputException(List.of(badRegion));
    }

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

  /** A region the catalog has no price row for in the chosen cloud, named with the known ones; null when fine. */
  private String regionProblem(ServiceInput s) {
    String region = s.getRegion();
    if (region == null || CHEAPEST.equals(region)) {
      return null;
    }
    java.util.SortedSet<String> known = catalog.regions(s.getCloudProvider());
    if (known.isEmpty() || known.contains(region)) {
      // no price row in the cloud at all: nothing to check the region against; the plan goes on without cost and
      // the rule "Region does not offer the GPU at the pricing model" says why
      return null;
    }
    String ids = String.join(", ", known);
    return "service.region '" + region + "' has no " + s.getCloudProvider() + " price in the GPU catalog"
        + didYouMean(region, ids) + " known " + s.getCloudProvider() + " regions: " + ids
        + " (or 'cheapest' to search them)";
  }

  /**
   * Checks gpu.instance_type against the catalog's price rows and fills the GPU and cloud it carries when unset; adds a
   * problem (with the close known types) when the type is unknown or carries another GPU or cloud than asked for.
   */
  private Optional<GpuSpec> instanceTypeGpu(PlanRequest r, Optional<GpuSpec> gpu, List<String> problems, Map<String, String> from) {
    String type = r.getGpu().getInstanceType();
    List<dev.llmcap.catalog.GpuPrice> offers = catalog.offersOf(type);
    if (offers.isEmpty()) {
      java.util.SortedSet<String> known = catalog.instanceTypes();
      problems.add("gpu.instance_type '" + type + "' has no price row in the GPU catalog"
          + SchemaValidator.closest(type, known).map(n -> "; did you mean '" + n + "'?").orElse(";")
          + " close known instance types: " + String.join(", ", closeNames(type, known)));
      return gpu;
    }
    dev.llmcap.catalog.GpuPrice offer = offers.get(0);
    r.getGpu().setInstanceType(offer.getInstanceType());
    if (gpu.isPresent() && !gpu.get().getId().equals(offer.getGpu())) {
      problems.add("gpu.instance_type '" + offer.getInstanceType() + "' carries " + offer.getInstanceGpus() + " x " + offer.getGpu()
          + ", not gpu.gpu_type '" + r.getGpu().getGpuType() + "'; drop --gpu-type or use --gpu-type " + offer.getGpu());
      return gpu;
    }
    String cloud = r.getService().getCloudProvider();
    if (cloud != null && !cloud.equalsIgnoreCase(offer.getCloud())) {
      problems.add("gpu.instance_type '" + offer.getInstanceType() + "' is an instance type of " + offer.getCloud() + ", not of service.cloud_provider '"
          + cloud + "'; use --cloud " + offer.getCloud() + " or drop --cloud");
      return gpu;
    }
    if (cloud == null) {
      r.getService().setCloudProvider(offer.getCloud());
      from.put("service.cloud_provider", "cloud of gpu.instance_type " + offer.getInstanceType());
    }
    if (gpu.isEmpty()) {
      r.getGpu().setGpuType(offer.getGpu());
      from.put("gpu.gpu_type", "GPU of gpu.instance_type " + offer.getInstanceType());
      return catalog.gpu(offer.getGpu());
    }
    return gpu;
  }

  /** Up to eight known names nearest to a misspelt one by edit distance (ties by name). */
  private static List<String> closeNames(String bad, java.util.Collection<String> names) {
    String b = bad.toLowerCase(java.util.Locale.ROOT);
    return names.stream()
        .sorted(java.util.Comparator.<String>comparingInt(n -> SchemaValidator.editDistance(b, n.toLowerCase(java.util.Locale.ROOT)))
            .thenComparing(java.util.Comparator.naturalOrder()))
        .limit(8).toList();
  }

  /** The region value that asks the rules to search every region of the cloud for the cheapest instance. */
  public static final String CHEAPEST = "cheapest";

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
    boolean windowGiven = m.getContextWindow() != null;
    if (!windowGiven) {
      m.setContextWindow((int) defaults.number("default.context_window", "model.context_window"));
    }
    m.setContextWindowGiven(windowGiven);
    m.setBatchSizeGiven(m.getBatchSize() != null);
    if (m.getBatchSize() == null) {
      m.setBatchSize((int) defaults.number("default.batch_size", "model.batch_size"));
    }
    if (g.getTargetGpuUtilization() == null) {
      g.setTargetGpuUtilization(defaults.number("default.target_gpu_utilization", "gpu.target_gpu_utilization"));
    }
    defaults.service(s);
    if (s.getRegion() == null) {
      s.setRegion(defaults.text("default.region." + s.getCloudProvider(), "service.region"));
    }
    if (s.getPricing() == null) {
      s.setPricing(defaults.text("default.pricing", "service.pricing"));
    }
    if (g.getSpareReplicas() == null) {
      g.setSpareReplicas(0);
    }
  }


}
