package dev.llmcap.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.llmcap.model.LLMCapacityPlan;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The autoscaling manifests are real Kubernetes objects: the HPA parses into the fabric8 model, the ScaledObject has KEDA's shape. */
class K8sExporterTest {

  @Test
  void horizontalPodAutoscalerParsesIntoTheKubernetesModelWithThePlansNumbers() throws Exception {
    LLMCapacityPlan p = ExportFixture.plan();
    List<JsonNode> docs = documents(p);
    assertThat(docs).hasSize(2);
    JsonMapper k8s = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    HorizontalPodAutoscaler hpa = k8s.readValue(docs.get(0).toString(), HorizontalPodAutoscaler.class);
    // the model keeps fields it does not know in additionalProperties: none may land there (no misspelt or invented field)
    List<Map<String, Object>> extras = new ArrayList<>(List.of(hpa.getAdditionalProperties(), hpa.getMetadata().getAdditionalProperties(),
        hpa.getSpec().getAdditionalProperties(), hpa.getSpec().getScaleTargetRef().getAdditionalProperties(),
        hpa.getSpec().getBehavior().getAdditionalProperties(), hpa.getSpec().getBehavior().getScaleUp().getAdditionalProperties(),
        hpa.getSpec().getBehavior().getScaleDown().getAdditionalProperties()));
    for (MetricSpec m : hpa.getSpec().getMetrics()) {
      extras.addAll(List.of(m.getAdditionalProperties(), m.getPods().getAdditionalProperties(), m.getPods().getMetric().getAdditionalProperties(),
          m.getPods().getTarget().getAdditionalProperties()));
    }
    extras.forEach(x -> assertThat(x).isEmpty());
    assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
    assertThat(hpa.getKind()).isEqualTo("HorizontalPodAutoscaler");
    assertThat(hpa.getMetadata().getName()).isEqualTo("chat-api");
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("chat-api");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(p.scaling().recommendedMinReplicas());
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(p.scaling().recommendedMaxReplicas());
    assertThat(hpa.getSpec().getMinReplicas()).isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
    Map<String, String> targets = new java.util.TreeMap<>();
    for (MetricSpec m : hpa.getSpec().getMetrics()) {
      assertThat(m.getType()).isEqualTo("Pods");
      assertThat(m.getPods().getTarget().getType()).isEqualTo("AverageValue");
      targets.put(m.getPods().getMetric().getName(), m.getPods().getTarget().getAverageValue().toString());
    }
    assertThat(targets).containsOnlyKeys("vllm:num_requests_waiting", "vllm:gpu_cache_usage_perc", "DCGM_FI_DEV_GPU_UTIL");
    assertThat(Double.parseDouble(targets.get("vllm:num_requests_waiting"))).isEqualTo(p.scaling().autoScaleQueueDepthThreshold().doubleValue());
    assertThat(Double.parseDouble(targets.get("vllm:gpu_cache_usage_perc"))).isEqualTo(p.scaling().autoScaleKvCacheUsageThreshold());
    assertThat(Double.parseDouble(targets.get("DCGM_FI_DEV_GPU_UTIL"))).isEqualTo(p.scaling().autoScaleGpuUtilThreshold());
    int down = hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds();
    assertThat(down).isEqualTo((int) Math.ceil(p.scaling().scaleDownStabilizationS()));
    assertThat((double) down).as("scale-down window respects the cold start").isGreaterThanOrEqualTo(p.scaling().coldStartS());
    assertThat(hpa.getSpec().getBehavior().getScaleUp().getStabilizationWindowSeconds()).isZero();
  }

  @Test
  void scaledObjectHasKedasShapeAndTheSameThresholds() throws Exception {
    LLMCapacityPlan p = ExportFixture.plan();
    JsonNode so = documents(p).get(1);
    assertThat(so.path("apiVersion").asText()).isEqualTo("keda.sh/v1alpha1");
    assertThat(so.path("kind").asText()).isEqualTo("ScaledObject");
    JsonNode spec = so.path("spec");
    assertThat(spec.path("scaleTargetRef").path("name").asText()).isEqualTo("chat-api");
    assertThat(spec.path("minReplicaCount").asInt()).isEqualTo(p.scaling().recommendedMinReplicas());
    assertThat(spec.path("maxReplicaCount").asInt()).isEqualTo(p.scaling().recommendedMaxReplicas());
    assertThat(spec.path("cooldownPeriod").asInt()).isEqualTo((int) Math.ceil(p.scaling().scaleDownStabilizationS()));
    assertThat(spec.path("advanced").path("horizontalPodAutoscalerConfig").path("behavior").path("scaleDown")
        .path("stabilizationWindowSeconds").asInt()).isEqualTo((int) Math.ceil(p.scaling().scaleDownStabilizationS()));
    JsonNode triggers = spec.path("triggers");
    assertThat(triggers.size()).isEqualTo(3);
    Set<String> fields = new HashSet<>();
    spec.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).isSubsetOf("scaleTargetRef", "minReplicaCount", "maxReplicaCount", "cooldownPeriod", "pollingInterval",
        "idleReplicaCount", "advanced", "triggers", "fallback");
    List<String> queries = new ArrayList<>();
    for (JsonNode t : triggers) {
      assertThat(t.path("type").asText()).isEqualTo("prometheus");
      assertThat(t.path("metricType").asText()).isIn("AverageValue", "Value");
      assertThat(t.path("metadata").path("serverAddress").asText()).startsWith("http");
      assertThat(t.path("metadata").path("threshold").isTextual()).as("KEDA metadata values are strings").isTrue();
      queries.add(t.path("metadata").path("query").asText());
    }
    assertThat(queries.get(0)).contains("vllm:num_requests_waiting");
    assertThat(triggers.get(0).path("metadata").path("threshold").asText()).isEqualTo(String.valueOf(p.scaling().autoScaleQueueDepthThreshold()));
    assertThat(queries.get(1)).contains("vllm:gpu_cache_usage_perc");
    assertThat(Double.parseDouble(triggers.get(1).path("metadata").path("threshold").asText())).isEqualTo(p.scaling().autoScaleKvCacheUsageThreshold());
    assertThat(queries.get(2)).contains("DCGM_FI_DEV_GPU_UTIL");
  }

  @Test
  void everyCommentNamesARuleThatExistsInTheRulesFolder() throws Exception {
    String yaml = yaml(ExportFixture.plan());
    Set<String> rules = new HashSet<>();
    try (Stream<Path> files = Files.list(Path.of("rules/inference"))) {
      for (Path f : files.filter(x -> x.toString().endsWith(".drl")).toList()) {
        Matcher m = Pattern.compile("(?m)^rule \"([^\"]+)\"").matcher(Files.readString(f));
        while (m.find()) {
          rules.add(m.group(1));
        }
      }
    }
    Matcher m = Pattern.compile("rule \"([^\"]+)\"").matcher(yaml);
    int named = 0;
    while (m.find()) {
      assertThat(rules).contains(m.group(1));
      named++;
    }
    assertThat(named).as("min, max, three thresholds, two windows, cooldown, cold start, in both documents").isGreaterThanOrEqualTo(15);
  }

  @Test
  void deploymentNameIsADnsLabelAndDefaultsToLlmServing() throws Exception {
    LLMCapacityPlan p = ExportFixture.plan();
    assertThat(K8sExporter.deploymentName(withService(p, "Chat API / EU_1"))).isEqualTo("chat-api-eu-1");
    assertThat(K8sExporter.deploymentName(withService(p, null))).isEqualTo("llm-serving");
  }

  private static LLMCapacityPlan withService(LLMCapacityPlan p, String id) throws IOException {
    ObjectMapper json = dev.llmcap.config.Json.mapper();
    com.fasterxml.jackson.databind.node.ObjectNode tree = json.valueToTree(p.service());
    if (id == null) {
      tree.remove("service_id");
    } else {
      tree.put("service_id", id);
    }
    var service = json.treeToValue(tree, dev.llmcap.model.ServiceInput.class);
    return new LLMCapacityPlan(p.mode(), p.verdict(), p.headline(), p.workloadInput(), p.modelConfig(), p.gpuConfig(), service,
        p.model(), p.gpuResources(), p.throughput(), p.storage(), p.network(), p.scaling(), p.cost(), p.findings(), p.gpuOptions(),
        p.assumptions(), p.rules(), p.trace(), p.latencyVsLoad());
  }

  static String yaml(LLMCapacityPlan p) throws IOException {
    return new String(new K8sExporter().export(p, ExportContext.plain()), StandardCharsets.UTF_8);
  }

  static List<JsonNode> documents(LLMCapacityPlan p) throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    List<JsonNode> docs = new ArrayList<>();
    try (var it = yaml.readerFor(JsonNode.class).<JsonNode>readValues(new YAMLFactory().createParser(yaml(p)))) {
      while (it.hasNext()) {
        JsonNode n = it.next();
        if (n != null && !n.isNull() && !n.isMissingNode()) {
          docs.add(n);
        }
      }
    }
    return docs;
  }
}
