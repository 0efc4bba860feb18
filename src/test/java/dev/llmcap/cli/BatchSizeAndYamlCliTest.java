package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmcap.config.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real subprocess runs: --batch-size is the batch the engine runs with (the plan's figures use it and the planner's own
 * batch is shown beside it with why), and --format yaml is the plan as YAML, the same content as --format json.
 */
class BatchSizeAndYamlCliTest {
  @TempDir
  Path cwd;

  private static final String[] WORKLOAD = {"--model", "llama-3.1-8b", "--rps", "10", "--input-tokens", "500",
      "--output-tokens", "200", "--gpu-type", "A10G", "--no-compare"};

  private static String[] with(String... extra) {
    String[] all = new String[WORKLOAD.length + extra.length];
    System.arraycopy(WORKLOAD, 0, all, 0, WORKLOAD.length);
    System.arraycopy(extra, 0, all, WORKLOAD.length, extra.length);
    return all;
  }

  @Test
  void aBatchSizeGivenIsTheBatchThePlanRunsWithAndThePlannersChoiceIsShownBesideIt() throws Exception {
    CliProcess.Result planner = CliProcess.run(cwd, with("--format", "json", "--no-trace"));
    CliProcess.Result yours = CliProcess.run(cwd, with("--batch-size", "4", "--format", "json", "--no-trace"));
    assertThat(planner.exit()).as(planner.err()).isZero();
    assertThat(yours.exit()).as(yours.err()).isZero();
    JsonNode p = Json.shared().readTree(planner.out());
    JsonNode y = Json.shared().readTree(yours.out());

    int plannersBatch = p.at("/gpu_resources/recommended_batch_size").asInt();
    assertThat(plannersBatch).as("the planner's batch without a batch size").isGreaterThan(4);
    assertThat(p.at("/gpu_resources/planner_batch_size").isMissingNode()).as("no comparison without a batch size").isTrue();
    assertThat(p.at("/findings").toString()).doesNotContain("batch_choice");

    // the plan runs at batch 4: the engine's limit, the KV cache in use and the capacity all follow from it
    assertThat(y.at("/gpu_resources/recommended_batch_size").asInt()).isEqualTo(4);
    assertThat(y.at("/gpu_resources/max_batch_size").asInt()).isEqualTo(4);
    assertThat(y.at("/gpu_resources/planner_batch_size").asInt()).isEqualTo(plannersBatch);
    assertThat(y.at("/gpu_resources/kv_cache_gb").asDouble()).isLessThan(p.at("/gpu_resources/kv_cache_gb").asDouble() / 4);
    double capacityAt4 = y.at("/throughput/rps_capacity_per_replica").asDouble();
    double capacityPlanner = p.at("/throughput/rps_capacity_per_replica").asDouble();
    assertThat(capacityAt4).isLessThan(capacityPlanner / 2);
    assertThat(y.at("/scaling/recommended_max_replicas").asInt()).isGreaterThan(p.at("/scaling/recommended_max_replicas").asInt());

    // both batches are shown, with why: the headline and the findings say it
    String expected = "batch 4 (yours); the planner would run " + plannersBatch + ": ";
    assertThat(y.at("/headline").toString()).contains(expected).contains("x the throughput per GPU");
    assertThat(y.at("/findings").toString()).contains("batch_choice").contains(expected);

    CliProcess.Result text = CliProcess.run(cwd, with("--batch-size", "4"));
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).contains(expected).containsPattern("batch: yours / the planner's +4 / " + plannersBatch + " sequences");
  }

  @Test
  void aBatchSizeEqualToThePlannersChoiceAddsNoComparison() throws Exception {
    // on an H100 the planner's batch (the engine's sequence limit) also fits at the full sequence length, so the
    // same layout holds it (a batch size given must fit at full length, the planner's own batch at the mean length)
    String[] h100 = {"--model", "llama-3.1-8b", "--rps", "10", "--input-tokens", "500", "--output-tokens", "200",
        "--gpu-type", "H100-80GB", "--no-compare", "--format", "json", "--no-trace"};
    CliProcess.Result planner = CliProcess.run(cwd, h100);
    int plannersBatch = Json.shared().readTree(planner.out()).at("/gpu_resources/recommended_batch_size").asInt();
    String[] same = java.util.Arrays.copyOf(h100, h100.length + 2);
    same[h100.length] = "--batch-size";
    same[h100.length + 1] = String.valueOf(plannersBatch);
    CliProcess.Result given = CliProcess.run(cwd, same);
    assertThat(given.exit()).as(given.err()).isZero();
    JsonNode s = Json.shared().readTree(given.out());
    assertThat(s.at("/gpu_resources/min_gpus_per_replica").asInt()).isEqualTo(1);
    assertThat(s.at("/gpu_resources/recommended_batch_size").asInt()).isEqualTo(plannersBatch);
    assertThat(s.at("/gpu_resources/planner_batch_size").asInt()).isEqualTo(plannersBatch);
    assertThat(s.at("/findings").toString()).doesNotContain("batch_choice");
  }

  @Test
  void formatYamlIsThePlanWithTheSameContentAsJsonAndDotYamlSelectsIt() throws Exception {
    CliProcess.Result json = CliProcess.run(cwd, with("--format", "json"));
    CliProcess.Result yaml = CliProcess.run(cwd, with("--format", "yaml"));
    assertThat(yaml.exit()).as(yaml.err()).isZero();
    assertThat(yaml.out()).doesNotContain("kind: HorizontalPodAutoscaler").startsWith("mode: inference\n");
    JsonNode fromYaml = new ObjectMapper(new YAMLFactory()).readTree(yaml.out());
    assertThat(fromYaml).isEqualTo(Json.shared().readTree(json.out()));

    CliProcess.Result file = CliProcess.run(cwd, with("--output", "plan.yml"));
    assertThat(file.exit()).as(file.err()).isZero();
    assertThat(new ObjectMapper(new YAMLFactory()).readTree(Files.readString(cwd.resolve("plan.yml"))).at("/mode").asText())
        .isEqualTo("inference");

    CliProcess.Result k8s = CliProcess.run(cwd, with("--format", "k8s", "--k8s", "hpa"));
    assertThat(k8s.out()).contains("kind: HorizontalPodAutoscaler");
    CliProcess.Result bad = CliProcess.run(cwd, with("--format", "yamll"));
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("yaml").contains("k8s");
  }
}
