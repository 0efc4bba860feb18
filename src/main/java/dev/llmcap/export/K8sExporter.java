package dev.llmcap.export;

import dev.llmcap.engine.Fmt;
import dev.llmcap.model.LLMCapacityPlan;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Kubernetes autoscaling manifests for the serving deployment: an autoscaling/v2 HorizontalPodAutoscaler and a KEDA
 * ScaledObject (keda.sh/v1alpha1), with the replica range, thresholds and stabilisation windows the rules derived,
 * each number commented with the rule it came from. Apply one of the two, not both (KEDA creates its own HPA).
 */
public final class K8sExporter implements PlanExporter<LLMCapacityPlan> {
  /** Deployment name when the plan has no service_id. */
  public static final String DEFAULT_NAME = "llm-serving";
  static final String QUEUE_METRIC = "vllm:num_requests_waiting";
  static final String KV_METRIC = "vllm:gpu_cache_usage_perc";
  static final String GPU_UTIL_METRIC = "DCGM_FI_DEV_GPU_UTIL";

  @Override public String format() { return "k8s"; }
  /** No extension of its own: a .yaml output is the YAML plan; the manifests are chosen with --format k8s or --export-autoscaling. */
  @Override public List<String> extensions() { return List.of(); }
  @Override public Class<LLMCapacityPlan> planType() { return LLMCapacityPlan.class; }

  @Override
  public byte[] export(LLMCapacityPlan p, ExportContext context) throws IOException {
    var g = p.gpuResources();
    var s = p.scaling();
    if (g.recommendedGpuType() == null || g.minReplicas() == null || s.autoScaleQueueDepthThreshold() == null
        || s.autoScaleKvCacheUsageThreshold() == null || s.autoScaleGpuUtilThreshold() == null || s.scaleDownStabilizationS() == null) {
      throw new IOException("no autoscaling manifests: the plan is " + p.verdict() + " and has no replica range or thresholds");
    }
    String gpu = g.recommendedGpuType();
    String name = deploymentName(p);
    String pods = "pod=~\"" + name + "-.*\"";
    int up = (int) Math.ceil(s.scaleUpStabilizationS() == null ? 0 : s.scaleUpStabilizationS());
    int down = (int) Math.ceil(s.scaleDownStabilizationS());
    String queue = String.valueOf(s.autoScaleQueueDepthThreshold());
    String kv = plain(s.autoScaleKvCacheUsageThreshold());
    String util = plain(s.autoScaleGpuUtilThreshold());
    var t = p.trace();
    String rMin = TraceRules.ruleFor(t, gpu, "min_replicas");
    String rMax = TraceRules.ruleFor(t, gpu, "max_replicas");
    String rQueue = TraceRules.ruleFor(t, gpu, "auto_scale_queue_depth_threshold");
    String rKv = TraceRules.ruleFor(t, gpu, "auto_scale_kv_cache_usage_threshold");
    String rUtil = TraceRules.ruleFor(t, gpu, "auto_scale_gpu_util_threshold");
    String rUp = TraceRules.ruleFor(t, gpu, "scale_up_stabilization_s");
    String rDown = TraceRules.ruleFor(t, gpu, "scale_down_stabilization_s");
    String rCold = TraceRules.ruleFor(t, gpu, "cold_start_s");

    StringBuilder y = new StringBuilder();
    y.append("# Autoscaling for deployment ").append(name).append(": ").append(g.minGpusPerReplica()).append(" x ").append(gpu)
        .append(" per replica, ").append(g.minReplicas()).append("-").append(g.maxReplicas()).append(" replicas (llmcap plan, verdict ")
        .append(p.verdict()).append(").\n");
    y.append("# Two alternatives: apply the HorizontalPodAutoscaler (needs prometheus-adapter serving the vLLM and DCGM metrics\n");
    y.append("# as pods metrics) OR the KEDA ScaledObject (KEDA creates its own HPA), not both.\n");
    y.append("# Cold start of a replica: ").append(Fmt.n(s.coldStartS())).append(" s (rule \"").append(rCold).append("\").\n");
    if (p.rules() != null) {
      y.append("# Rules sha256 ").append(p.rules().sha256()).append('\n');
    }
    y.append("---\n");
    y.append("apiVersion: autoscaling/v2\n");
    y.append("kind: HorizontalPodAutoscaler\n");
    y.append("metadata:\n");
    y.append("  name: ").append(name).append('\n');
    y.append("  labels:\n");
    y.append("    app.kubernetes.io/managed-by: llmcap\n");
    y.append("spec:\n");
    y.append("  scaleTargetRef:\n");
    y.append("    apiVersion: apps/v1\n");
    y.append("    kind: Deployment\n");
    y.append("    name: ").append(name).append('\n');
    y.append("  minReplicas: ").append(g.minReplicas()).append("  # rule \"").append(rMin).append("\"\n");
    y.append("  maxReplicas: ").append(g.maxReplicas()).append("  # rule \"").append(rMax).append("\"\n");
    y.append("  metrics:\n");
    podsMetric(y, QUEUE_METRIC, queue, "waiting requests per replica, rule \"" + rQueue + "\"");
    podsMetric(y, KV_METRIC, kv, "KV-cache usage fraction per replica, rule \"" + rKv + "\"");
    podsMetric(y, GPU_UTIL_METRIC, util, "GPU utilisation % per replica, rule \"" + rUtil + "\"");
    behavior(y, "  ", up, down, rUp, rDown);
    y.append("---\n");
    y.append("apiVersion: keda.sh/v1alpha1\n");
    y.append("kind: ScaledObject\n");
    y.append("metadata:\n");
    y.append("  name: ").append(name).append('\n');
    y.append("  labels:\n");
    y.append("    app.kubernetes.io/managed-by: llmcap\n");
    y.append("spec:\n");
    y.append("  scaleTargetRef:\n");
    y.append("    name: ").append(name).append('\n');
    y.append("  minReplicaCount: ").append(g.minReplicas()).append("  # rule \"").append(rMin).append("\"\n");
    y.append("  maxReplicaCount: ").append(g.maxReplicas()).append("  # rule \"").append(rMax).append("\"\n");
    y.append("  cooldownPeriod: ").append(down).append("  # s, rule \"").append(rDown).append("\"\n");
    y.append("  advanced:\n");
    y.append("    horizontalPodAutoscalerConfig:\n");
    behavior(y, "      ", up, down, rUp, rDown);
    y.append("  triggers:\n");
    trigger(y, "sum(" + QUEUE_METRIC + "{" + pods + "})", queue, "AverageValue", "waiting requests per replica, rule \"" + rQueue + "\"");
    trigger(y, "avg(" + KV_METRIC + "{" + pods + "})", kv, "Value", "mean KV-cache usage fraction, rule \"" + rKv + "\"");
    trigger(y, "avg(" + GPU_UTIL_METRIC + "{" + pods + "})", util, "Value", "mean GPU utilisation %, rule \"" + rUtil + "\"");
    return y.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The deployment name: the plan's service_id as a DNS-1123 label, else {@value #DEFAULT_NAME}. */
  static String deploymentName(LLMCapacityPlan p) {
    String id = p.service() == null ? null : p.service().getServiceId();
    if (id == null || id.isBlank()) {
      return DEFAULT_NAME;
    }
    String n = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    if (n.length() > 63) {
      n = n.substring(0, 63).replaceAll("-+$", "");
    }
    return n.isEmpty() ? DEFAULT_NAME : n;
  }

  private static void podsMetric(StringBuilder y, String metric, String value, String note) {
    y.append("    - type: Pods\n");
    y.append("      pods:\n");
    y.append("        metric:\n");
    y.append("          name: ").append(quote(metric)).append('\n');
    y.append("        target:\n");
    y.append("          type: AverageValue\n");
    y.append("          averageValue: ").append(quote(value)).append("  # ").append(note).append('\n');
  }

  private static void behavior(StringBuilder y, String in, int up, int down, String rUp, String rDown) {
    y.append(in).append("behavior:\n");
    y.append(in).append("  scaleUp:\n");
    y.append(in).append("    stabilizationWindowSeconds: ").append(up).append("  # rule \"").append(rUp).append("\"\n");
    y.append(in).append("  scaleDown:\n");
    y.append(in).append("    stabilizationWindowSeconds: ").append(down).append("  # rule \"").append(rDown).append("\"\n");
  }

  private static void trigger(StringBuilder y, String query, String threshold, String metricType, String note) {
    y.append("    - type: prometheus\n");
    y.append("      metricType: ").append(metricType).append('\n');
    y.append("      metadata:\n");
    y.append("        serverAddress: http://prometheus.monitoring.svc:9090  # edit: your Prometheus\n");
    y.append("        query: ").append(quote(query)).append('\n');
    y.append("        threshold: ").append(quote(threshold)).append("  # ").append(note).append('\n');
  }

  private static String plain(Double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** A YAML single-quoted scalar (metric names hold ':' and queries hold '{' and '"'). */
  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
