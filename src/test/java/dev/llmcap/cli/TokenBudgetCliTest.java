package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.config.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's per-iteration token budget through a real subprocess: flag and config reach the trace, bad values exit 2. */
class TokenBudgetCliTest {
  @TempDir
  Path dir;

  private static String budgetFormula(JsonNode plan) {
    for (JsonNode t : plan.path("trace")) {
      if (t.path("conclusion").asText().contains("chunk_token_budget")) {
        return t.path("formula").asText();
      }
    }
    throw new AssertionError("no chunk_token_budget step in the trace");
  }

  @Test
  void theFlagAndTheConfigFieldReachThePlanAndItsTrace() throws Exception {
    String[] base = {"--model", "llama-3.1-8b", "--precision", "FP8", "--gpu-type", "H100", "--rps", "1", "--input-tokens", "4000",
        "--output-tokens", "150", "--replicas", "1", "--no-compare", "--format", "json"};
    CliProcess.Result dflt = CliProcess.run(dir, base);
    assertThat(dflt.exit()).as(dflt.err()).isZero();
    String[] small = CliProcess.with(base, "--max-num-batched-tokens", "512");
    CliProcess.Result flag = CliProcess.run(dir, small);
    assertThat(flag.exit()).as(flag.err()).isZero();
    JsonNode d = Json.mapper().readTree(dflt.out());
    JsonNode f = Json.mapper().readTree(flag.out());
    assertThat(f.path("workload_input").path("max_num_batched_tokens").asInt()).isEqualTo(512);
    assertThat(budgetFormula(f)).contains("512").contains("given");
    assertThat(budgetFormula(d)).contains("8192").contains("assumption max_num_batched_tokens");
    assertThat(f.path("throughput").path("ttft_p99_ms").asDouble()).isGreaterThan(d.path("throughput").path("ttft_p99_ms").asDouble());

    Path config = dir.resolve("budget.json");
    Files.writeString(config, "{\"workload\": {\"requests_per_second\": 1, \"avg_input_tokens\": 4000, \"avg_output_tokens\": 150,"
        + " \"replicas\": 1, \"max_num_batched_tokens\": 2048}, \"model\": {\"model_name\": \"llama-3.1-8b\", \"precision\": \"FP8\"},"
        + " \"gpu\": {\"gpu_type\": \"H100-80GB\"}, \"options\": {\"compare_gpus\": false}}");
    CliProcess.Result file = CliProcess.run(dir, "--config", config.toString(), "--format", "json");
    assertThat(file.exit()).as(file.err()).isZero();
    assertThat(budgetFormula(Json.mapper().readTree(file.out()))).contains("2048").contains("given");
  }

  @Test
  void badBudgetsExitTwoNamingTheFieldTheValueAndTheBound() throws Exception {
    String[] base = {"--model", "llama-3.1-8b", "--rps", "1", "--input-tokens", "1000", "--output-tokens", "100", "--max-num-batched-tokens"};
    CliProcess.Result low = CliProcess.run(dir, CliProcess.with(base, "8"));
    assertThat(low.exit()).isEqualTo(2);
    assertThat(low.err()).contains("--max-num-batched-tokens: workload.max_num_batched_tokens must be >= 16 (got 8)").doesNotContain("Exception");
    CliProcess.Result high = CliProcess.run(dir, CliProcess.with(base, "2000000"));
    assertThat(high.exit()).isEqualTo(2);
    assertThat(high.err()).contains("workload.max_num_batched_tokens must be <= 1048576 (got 2000000)");
    CliProcess.Result text = CliProcess.run(dir, CliProcess.with(base, "lots"));
    assertThat(text.exit()).isEqualTo(2);
    assertThat(text.err()).contains("--max-num-batched-tokens").contains("lots").doesNotContain("Exception");
    Path config = dir.resolve("bad.json");
    Files.writeString(config, "{\"workload\": {\"requests_per_second\": 1, \"avg_input_tokens\": 1000, \"avg_output_tokens\": 100,"
        + " \"max_num_batched_tokens\": 0}, \"model\": {\"model_name\": \"llama-3.1-8b\"}}");
    CliProcess.Result file = CliProcess.run(dir, "--config", config.toString());
    assertThat(file.exit()).isEqualTo(2);
    assertThat(file.err()).contains("workload.max_num_batched_tokens must be >= 16 (got 0)");
  }
}
