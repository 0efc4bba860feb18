package dev.llmcap.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Rejects inputs of the other workload type (FR-1.8.3): training-only flags or sections in inference mode and
 * inference-only ones in training mode, with a message that names the mode they belong to.
 */
public final class ModeFields {
  /** Model fields only inference mode reads. */
  private static final Set<String> INFERENCE_MODEL_FIELDS = Set.of("kv_cache_precision", "context_window", "batch_size", "config_path", "active_params_billions",
      "target_latency_p50_ms", "target_latency_p99_ms", "target_itl_ms");
  /** GPU fields only inference mode reads. */
  private static final Set<String> INFERENCE_GPU_FIELDS = Set.of("current_replicas", "tensor_parallel");

  private ModeFields() {}

  /** Throws when the document or the given flag names (without dashes) do not belong to the mode. */
  public static void check(String mode, JsonNode document, Collection<String> flags) throws InputException {
    List<String> problems = new ArrayList<>();
    boolean training = "training".equals(mode);
    for (String f : flags) {
      if (f == null) {
        continue;
      }
      if (!training && FlagBinding.trainingOnly().contains(f)) {
        problems.add("--" + f + " belongs to training mode; add --mode training (or mode: training in the config) to plan a training run");
      } else if (training && FlagBinding.inferenceOnly().contains(f)) {
        problems.add("--" + f + " belongs to inference mode and is not used in training mode; drop it or use --mode inference");
      }
    }
    if (!training && document.has("training")) {
      problems.add("the training section belongs to training mode; set mode to training to plan a training run");
    }
    if (training) {
      if (document.has("workload")) {
        problems.add("the workload section belongs to inference mode and is not used in training mode; remove it or set mode to inference");
      }
      fields(document.path("model"), "model", INFERENCE_MODEL_FIELDS, problems);
      fields(document.path("gpu"), "gpu", INFERENCE_GPU_FIELDS, problems);
      if (document.path("options").has("compare_gpus")) {
        problems.add("options.compare_gpus belongs to inference mode and is not used in training mode");
      }
    }
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
  }

  private static void fields(JsonNode section, String name, Set<String> inferenceOnly, List<String> problems) {
    section.fieldNames().forEachRemaining(f -> {
      if (inferenceOnly.contains(f)) {
        problems.add(name + "." + f + " belongs to inference mode and is not used in training mode; remove it or set mode to inference");
      }
    });
  }
}
