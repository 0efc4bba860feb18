package dev.llmcap.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which configuration field each command-line flag sets (CLI values override the config file, FR-4.3.3). */
public final class FlagBinding {
  /** Kinds of values a flag carries. */
  public enum Kind { NUMBER, INTEGER, TEXT, BOOLEAN, NEGATED_BOOLEAN }

  /** One flag's target: a section.field path and a kind. */
  public record Target(String path, Kind kind) {}

  private static final Map<String, Target> INFERENCE = new LinkedHashMap<>();
  private static final Map<String, Target> TRAINING = new LinkedHashMap<>();
  /** Flags of the inference map that training mode uses too (model, GPU, service). */
  private static final java.util.Set<String> SHARED = new java.util.LinkedHashSet<>(java.util.List.of("model", "model-size",
      "precision", "gpu-type", "gpu-memory-gb", "target-utilization", "service-id", "service-name", "team-id", "environment",
      "criticality", "cloud", "region"));

  static {
    put("rps", "workload.requests_per_second", Kind.NUMBER);
    put("input-tokens", "workload.avg_input_tokens", Kind.INTEGER);
    put("output-tokens", "workload.avg_output_tokens", Kind.INTEGER);
    put("peak-multiplier", "workload.peak_load_multiplier", Kind.NUMBER);
    put("growth-rate", "workload.growth_rate", Kind.NUMBER);
    put("concurrency", "workload.concurrency", Kind.INTEGER);
    put("input-tokens-p50", "workload.input_tokens_p50", Kind.INTEGER);
    put("input-tokens-p99", "workload.input_tokens_p99", Kind.INTEGER);
    put("output-tokens-p50", "workload.output_tokens_p50", Kind.INTEGER);
    put("output-tokens-p99", "workload.output_tokens_p99", Kind.INTEGER);
    put("arrival-dispersion", "workload.arrival_dispersion", Kind.NUMBER);
    put("trace", "workload.trace", Kind.TEXT);
    put("slo-profile", "workload.slo_profile", Kind.TEXT);
    put("think-time-s", "workload.think_time_s", Kind.NUMBER);
    put("replicas", "workload.replicas", Kind.INTEGER);
    put("max-num-seqs", "workload.max_num_seqs", Kind.INTEGER);
    put("max-num-batched-tokens", "workload.max_num_batched_tokens", Kind.INTEGER);
    put("num-scheduler-steps", "workload.num_scheduler_steps", Kind.INTEGER);
    put("disaggregated", "workload.disaggregated", Kind.TEXT);
    put("e2e-p99-ms", "model.target_e2e_p99_ms", Kind.NUMBER);
    put("model", "model.model_name", Kind.TEXT);
    put("model-size", "model.model_size_billions", Kind.NUMBER);
    put("model-config", "model.config_path", Kind.TEXT);
    put("active-params", "model.active_params_billions", Kind.NUMBER);
    put("precision", "model.precision", Kind.TEXT);
    put("kv-cache-precision", "model.kv_cache_precision", Kind.TEXT);
    put("context-window", "model.context_window", Kind.INTEGER);
    put("batch-size", "model.batch_size", Kind.INTEGER);
    put("p50-ms", "model.target_latency_p50_ms", Kind.NUMBER);
    put("p99-ms", "model.target_latency_p99_ms", Kind.NUMBER);
    put("itl-ms", "model.target_itl_ms", Kind.NUMBER);
    put("gpu-type", "gpu.gpu_type", Kind.TEXT);
    put("gpu-memory-gb", "gpu.gpu_memory_gb", Kind.NUMBER);
    put("target-utilization", "gpu.target_gpu_utilization", Kind.NUMBER);
    put("current-replicas", "gpu.current_replicas", Kind.INTEGER);
    put("tensor-parallel", "gpu.tensor_parallel", Kind.INTEGER);
    put("spare-replicas", "gpu.spare_replicas", Kind.INTEGER);
    put("instance-type", "gpu.instance_type", Kind.TEXT);
    put("service-id", "service.service_id", Kind.TEXT);
    put("service-name", "service.service_name", Kind.TEXT);
    put("team-id", "service.team_id", Kind.TEXT);
    put("environment", "service.environment", Kind.TEXT);
    put("criticality", "service.criticality", Kind.TEXT);
    put("cloud", "service.cloud_provider", Kind.TEXT);
    put("region", "service.region", Kind.TEXT);
    put("pricing", "service.pricing", Kind.TEXT);
    training("dataset-size", "training.dataset_size_tokens", Kind.INTEGER);
    training("sequence-length", "training.sequence_length", Kind.INTEGER);
    training("epochs", "training.num_epochs", Kind.INTEGER);
    training("global-batch-size", "training.global_batch_size", Kind.INTEGER);
    training("micro-batch-size", "training.micro_batch_size", Kind.INTEGER);
    training("gradient-accumulation-steps", "training.gradient_accumulation_steps", Kind.INTEGER);
    training("optimizer", "training.optimizer_type", Kind.TEXT);
    training("gradient-checkpointing", "training.gradient_checkpointing", Kind.BOOLEAN);
    training("training-precision", "training.training_precision", Kind.TEXT);
    training("method", "training.method", Kind.TEXT);
    training("lora-rank", "training.lora_rank", Kind.INTEGER);
    training("num-gpus", "training.num_gpus", Kind.INTEGER);
    training("target-days", "training.target_days", Kind.NUMBER);
    training("layout", "training.layout", Kind.TEXT);
    training("no-sequence-parallel", "training.sequence_parallel", Kind.NEGATED_BOOLEAN);
  }

  private static void training(String flag, String path, Kind kind) {
    TRAINING.put(flag, new Target(path, kind));
  }

  private FlagBinding() {}

  private static void put(String flag, String path, Kind kind) {
    INFERENCE.put(flag, new Target(path, kind));
  }

  /** Flag name (without dashes) to target, for inference mode. */
  public static Map<String, Target> inference() {
    return INFERENCE;
  }

  /** Flag name to target for training mode: the training-only flags plus the shared model, GPU and service flags. */
  public static Map<String, Target> training() {
    Map<String, Target> m = new LinkedHashMap<>();
    INFERENCE.forEach((k, v) -> {
      if (SHARED.contains(k)) {
        m.put(k, v);
      }
    });
    m.putAll(TRAINING);
    return m;
  }

  /** Flags that only training mode accepts (FR-1.8.3). */
  public static java.util.Set<String> trainingOnly() {
    return TRAINING.keySet();
  }

  /** Flags that only inference mode accepts (FR-1.8.3). */
  public static java.util.Set<String> inferenceOnly() {
    java.util.Set<String> s = new java.util.LinkedHashSet<>(INFERENCE.keySet());
    s.removeAll(SHARED);
    s.add("no-compare");
    return s;
  }
}
