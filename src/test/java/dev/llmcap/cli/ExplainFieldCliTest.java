package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** `llmcap explain FIELD` and `--explain FIELD` through the real CLI on the README's example. */
class ExplainFieldCliTest {
  private static final Path HOME = Path.of("").toAbsolutePath();
  private static final Pattern LOCATION = Pattern.compile("<- \"([^\"]+)\" rules/([\\w/.-]+\\.drl):(\\d+)");

  @Test
  void minGpusPerReplicaFitsSixtyLinesAndNamesEachRuleByFileAndLine() throws Exception {
    CliProcess.Result r = CliProcess.run(HOME, "explain", "gpu_resources.min_gpus_per_replica", "--config", "examples/chat-service.json");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.size()).as(r.out()).isLessThanOrEqualTo(60);
    assertThat(lines.get(0)).isEqualTo("gpu_resources.min_gpus_per_replica = 2");
    assertThat(lines.get(1)).startsWith("  gpus_per_replica = 2 GPUs [H100-80GB]  <- \"GPUs per replica: the smallest layout within tolerance");
    int steps = 0;
    for (String line : lines) {
      Matcher m = LOCATION.matcher(line);
      if (line.contains(" <- \"")) {
        assertThat(m.find()).as("every step names its rule's file and line: " + line).isTrue();
        // the named line of the named file declares that rule
        String declared = Files.readAllLines(HOME.resolve("rules").resolve(m.group(2))).get(Integer.parseInt(m.group(3)) - 1);
        assertThat(declared).isEqualTo("rule \"" + m.group(1) + "\"");
        steps++;
      }
    }
    assertThat(steps).isGreaterThan(15);
    // the chain reaches the inputs, the catalog and the assumptions with their sources
    assertThat(r.out()).contains("assumption layout_throughput_tolerance = 0.05 fraction  (source: ")
        .contains("assumption gpu_memory_utilization = 0.9 fraction  (source: vLLM default gpu_memory_utilization=0.90)")
        .contains("assumption bytes_per_weight.FP8 = 1 bytes").contains("input GPU H100-80GB")
        .contains("= (70.55B params - 2.101B embedding params) x 1 B + 2.101B x 2 B = 72.66 GB");
  }

  @Test
  void flagFormDepthAndJsonAgreeWithTheCommand() throws Exception {
    CliProcess.Result viaFlag = CliProcess.run(HOME, "--config", "examples/chat-service.json", "--explain", "throughput.estimated_itl_ms",
        "--depth", "1");
    assertThat(viaFlag.exit()).as(viaFlag.err()).isZero();
    assertThat(viaFlag.out()).startsWith("throughput.estimated_itl_ms = 37.3345")
        .contains("itl_ms = 37.33 ms [H100-80GB]  <- \"Latency percentiles at the planned operating point\"")
        .contains("derived input(s) below depth 1 (raise --depth)");
    CliProcess.Result json = CliProcess.run(HOME, "explain", "throughput.estimated_itl_ms", "--config", "examples/chat-service.json",
        "--depth", "2", "--format", "json");
    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode tree = new ObjectMapper().readTree(json.out());
    assertThat(tree.path("field").asText()).isEqualTo("throughput.estimated_itl_ms");
    JsonNode root = tree.path("explanation");
    assertThat(root.path("rule").asText()).isEqualTo("Latency percentiles at the planned operating point");
    assertThat(root.path("rule_location").asText()).matches("rules/inference/latency\\.drl:\\d+");
    assertThat(root.path("derived_from").size()).isGreaterThan(2);
    assertThat(root.path("derived_from").get(0).path("derived_from").get(0).path("truncated").asBoolean()).isTrue();
  }

  @Test
  void unknownFieldIsAUsageErrorWithSuggestions() throws Exception {
    CliProcess.Result r = CliProcess.run(HOME, "explain", "gpu_resources.min_gpu_per_replica", "--config", "examples/chat-service.json");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("unknown field 'gpu_resources.min_gpu_per_replica'; did you mean gpu_resources.min_gpus_per_replica");
    CliProcess.Result depth = CliProcess.run(HOME, "explain", "verdict", "--config", "examples/chat-service.json", "--depth", "0");
    assertThat(depth.exit()).isEqualTo(2);
    assertThat(depth.err()).contains("--depth must be a whole number >= 1 (got '0')");
    CliProcess.Result missing = CliProcess.run(HOME, "explain");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("explain needs a FIELD");
  }
}
