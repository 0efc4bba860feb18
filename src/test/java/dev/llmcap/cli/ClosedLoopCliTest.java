package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.config.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 item 4 through a real subprocess: --concurrency N users plan without --rps, and the rate is derived. */
class ClosedLoopCliTest {
  private static final Pattern RATE = Pattern.compile("(\\d+) users with ([0-9.]+) s think time offer ([0-9.]+) req/s \\(([0-9.]+) per replica, E2E P50 ([0-9.]+) ms");

  @TempDir
  Path dir;

  private CliProcess.Result plan(String... users) throws Exception {
    String[] base = {"--model", "llama-3.1-8b", "--precision", "BF16", "--gpu-type", "H100", "--input-tokens", "1000", "--output-tokens", "200",
        "--no-compare", "--no-trace", "--format", "json"};
    String[] args = new String[base.length + users.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(users, 0, args, base.length, users.length);
    return CliProcess.run(dir, args);
  }

  private static String rateFinding(JsonNode p) {
    for (JsonNode f : p.path("findings")) {
      if ("closed_loop_rate".equals(f.path("kind").asText())) {
        return f.path("message").asText();
      }
    }
    throw new AssertionError("no closed_loop_rate finding in " + p.path("findings"));
  }

  @Test
  void usersWithThinkTimePlanWithoutARequestRateAndTheRateSolvesLittlesLaw() throws Exception {
    CliProcess.Result r = plan("--concurrency", "64", "--think-time-s", "5");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode p = Json.mapper().readTree(r.out());
    assertThat(p.path("workload_input").has("requests_per_second")).isFalse();
    Matcher m = RATE.matcher(rateFinding(p));
    assertThat(m.find()).isTrue();
    double rate = Double.parseDouble(m.group(3));
    double e2eS = Double.parseDouble(m.group(5)) / 1000;
    // the fixed point: 64 users = rate x (think 5 s + E2E at that rate)
    assertThat(rate * (5 + e2eS)).isCloseTo(64.0, org.assertj.core.data.Offset.offset(64 * 0.01));
    // 1000 in / 200 out on an H100 answers in seconds, so 64 users pausing 5 s offer a few to ~10 req/s, not 64
    assertThat(rate).isBetween(5.0, 12.8);
    // the fleet figures use the derived rate: 200 tokens streamed per request
    assertThat(p.path("network").path("bandwidth_out_mbps").asDouble()).isGreaterThan(0.0);
    assertThat(p.path("throughput").path("utilization_at_peak").asDouble())
        .isCloseTo(Double.parseDouble(m.group(4)) / p.path("throughput").path("rps_capacity_per_replica").asDouble(),
            org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void oneUserAndManyUsersGiveDifferentPlans() throws Exception {
    JsonNode one = Json.mapper().readTree(plan("--concurrency", "1", "--think-time-s", "5").out());
    JsonNode many = Json.mapper().readTree(plan("--concurrency", "4000", "--think-time-s", "5").out());
    assertThat(many.path("gpu_resources").path("max_replicas").asInt()).isGreaterThan(one.path("gpu_resources").path("max_replicas").asInt());
    assertThat(many.path("throughput").path("ttft_p99_ms").asDouble()).isGreaterThan(one.path("throughput").path("ttft_p99_ms").asDouble());
    assertThat(many.path("cost").path("monthly_total_cost").asDouble()).isGreaterThan(one.path("cost").path("monthly_total_cost").asDouble());
    // 256 vs 1 users on the same fleet: more load per replica, a longer tail
    JsonNode mid = Json.mapper().readTree(plan("--concurrency", "256").out());
    JsonNode single = Json.mapper().readTree(plan("--concurrency", "1").out());
    assertThat(mid.path("throughput").path("utilization_at_peak").asDouble())
        .isGreaterThan(10 * single.path("throughput").path("utilization_at_peak").asDouble());
  }

  @Test
  void badUsersOrThinkTimeExitTwoNamingTheFieldAndTheRange() throws Exception {
    CliProcess.Result zero = plan("--concurrency", "0");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err()).contains("--concurrency: workload.concurrency must be >= 1 (got 0)").doesNotContain("Exception");
    CliProcess.Result think = plan("--concurrency", "8", "--think-time-s", "-1");
    assertThat(think.exit()).isEqualTo(2);
    assertThat(think.err()).contains("--think-time-s: workload.think_time_s must be >= 0 (got -1)");
    CliProcess.Result neither = CliProcess.run(dir, "--model", "llama-3.1-8b", "--input-tokens", "1000", "--output-tokens", "200");
    assertThat(neither.exit()).isEqualTo(2);
    assertThat(neither.err()).contains("missing --rps (or --concurrency N for closed-loop users)");
    Path config = dir.resolve("users.json");
    Files.writeString(config, "{\"workload\": {\"avg_input_tokens\": 1000, \"avg_output_tokens\": 200}, \"model\": {\"model_name\": \"llama-3.1-8b\"}}");
    CliProcess.Result file = CliProcess.run(dir, "--config", config.toString());
    assertThat(file.exit()).isEqualTo(2);
    assertThat(file.err()).contains("workload needs requests_per_second (req/s > 0, open loop) or concurrency (1-100000 users, closed loop");
  }

  @Test
  void configWithUsersInsteadOfARatePlans() throws Exception {
    Path config = dir.resolve("users.yaml");
    Files.writeString(config, "workload: {avg_input_tokens: 1000, avg_output_tokens: 200, concurrency: 32, think_time_s: 2}\n"
        + "model: {model_name: llama-3.1-8b, precision: BF16}\ngpu: {gpu_type: H100-80GB}\noptions: {compare_gpus: false}\n");
    CliProcess.Result r = CliProcess.run(dir, "--config", config.toString(), "--format", "json", "--no-trace");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(rateFinding(Json.mapper().readTree(r.out()))).startsWith("32 users with 2 s think time offer");
  }
}
