package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.config.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-step scheduling through a real subprocess: flag and config field reach the plan, bad values exit 2. */
class SchedulerStepsCliTest {
  @TempDir
  Path dir;

  @Test
  void theFlagAndTheConfigFieldReachThePlan() throws Exception {
    String[] base = {"--model", "llama-3.1-8b", "--precision", "FP8", "--gpu-type", "H100", "--rps", "10", "--input-tokens", "800",
        "--output-tokens", "200", "--replicas", "1", "--no-compare", "--format", "json"};
    CliProcess.Result dflt = CliProcess.run(dir, base);
    assertThat(dflt.exit()).as(dflt.err()).isZero();
    String[] multi = CliProcess.with(base, "--num-scheduler-steps", "8");
    CliProcess.Result flag = CliProcess.run(dir, multi);
    assertThat(flag.exit()).as(flag.err()).isZero();
    JsonNode d = Json.mapper().readTree(dflt.out());
    JsonNode f = Json.mapper().readTree(flag.out());
    assertThat(f.path("workload_input").path("num_scheduler_steps").asInt()).isEqualTo(8);
    assertThat(f.path("throughput").path("ttft_p50_ms").asDouble()).isGreaterThan(d.path("throughput").path("ttft_p50_ms").asDouble());

    Path config = dir.resolve("steps.json");
    Files.writeString(config, "{\"workload\": {\"requests_per_second\": 10, \"avg_input_tokens\": 800, \"avg_output_tokens\": 200,"
        + " \"replicas\": 1, \"num_scheduler_steps\": 8}, \"model\": {\"model_name\": \"llama-3.1-8b\", \"precision\": \"FP8\"},"
        + " \"gpu\": {\"gpu_type\": \"H100-80GB\"}, \"options\": {\"compare_gpus\": false}}");
    CliProcess.Result file = CliProcess.run(dir, "--config", config.toString(), "--format", "json");
    assertThat(file.exit()).as(file.err()).isZero();
    assertThat(Json.mapper().readTree(file.out()).path("throughput").path("ttft_p50_ms").asDouble())
        .isEqualTo(f.path("throughput").path("ttft_p50_ms").asDouble());
  }

  @Test
  void badStepCountsExitTwoNamingTheFieldTheValueAndTheBound() throws Exception {
    String[] base = {"--model", "llama-3.1-8b", "--rps", "1", "--input-tokens", "1000", "--output-tokens", "100", "--num-scheduler-steps"};
    CliProcess.Result low = CliProcess.run(dir, CliProcess.with(base, "0"));
    assertThat(low.exit()).isEqualTo(2);
    assertThat(low.err()).contains("--num-scheduler-steps: workload.num_scheduler_steps must be >= 1 (got 0)").doesNotContain("Exception");
    CliProcess.Result high = CliProcess.run(dir, CliProcess.with(base, "65"));
    assertThat(high.exit()).isEqualTo(2);
    assertThat(high.err()).contains("workload.num_scheduler_steps must be <= 64 (got 65)");
    CliProcess.Result text = CliProcess.run(dir, CliProcess.with(base, "many"));
    assertThat(text.exit()).isEqualTo(2);
    assertThat(text.err()).contains("--num-scheduler-steps").contains("many").doesNotContain("Exception");
  }
}
