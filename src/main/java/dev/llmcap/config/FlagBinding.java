package dev.llmcap.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which configuration field each command-line flag sets (CLI values override the config file, FR-4.3.3). */
public final class FlagBinding {
  /** Kinds of values a flag carries. */
  public enum Kind { NUMBER, INTEGER, TEXT, BOOLEAN }

  /** One flag's target: a section.field path and a kind. */
  public record Target(String path, Kind kind) {}

  private static final Map<String, Target> INFERENCE = new LinkedHashMap<>();

  static {
    put("rps", "workload.requests_per_second", Kind.NUMBER);
    put("input-tokens", "workload.avg_input_tokens", Kind.INTEGER);
    put("output-tokens", "workload.avg_output_tokens", Kind.INTEGER);
    put("peak-multiplier", "workload.peak_load_multiplier", Kind.NUMBER);
    put("growth-rate", "workload.growth_rate", Kind.NUMBER);
    put("concurrency", "workload.concurrency", Kind.INTEGER);
    put("model", "model.model_name", Kind.TEXT);
    put("model-size", "model.model_size_billions", Kind.NUMBER);
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
    put("service-id", "service.service_id", Kind.TEXT);
    put("service-name", "service.service_name", Kind.TEXT);
    put("team-id", "service.team_id", Kind.TEXT);
    put("environment", "service.environment", Kind.TEXT);
    put("criticality", "service.criticality", Kind.TEXT);
    put("cloud", "service.cloud_provider", Kind.TEXT);
    put("region", "service.region", Kind.TEXT);
  }

  private FlagBinding() {}

  private static void put(String flag, String path, Kind kind) {
    INFERENCE.put(flag, new Target(path, kind));
  }

  /** Flag name (without dashes) to target, for inference mode. */
  public static Map<String, Target> inference() {
    return INFERENCE;
  }
}
