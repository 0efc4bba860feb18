package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.config.Json;
import dev.llmcap.fuzz.Figures;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, items 3 and 4 through the command line: a vanishing utilisation or request rate is refused by value or
 * planned without infinite figures, and the valid input that once crashed the headline plans.
 */
class AbsurdServingInputTest {
  private static final String[] BASE = {"--input-tokens", "500", "--output-tokens", "200", "--model", "llama-3.1-8b", "--no-trace"};

  private static CliRun plan(String... extra) {
    String[] args = new String[BASE.length + extra.length];
    System.arraycopy(BASE, 0, args, 0, BASE.length);
    System.arraycopy(extra, 0, args, BASE.length, extra.length);
    return CliRun.of(args);
  }

  @Test
  void vanishingUtilisationOrRequestRateIsRefusedByValue() {
    CliRun u = plan("--rps", "30", "--target-utilization", "1e-300");
    assertThat(u.exit()).isEqualTo(2);
    assertThat(u.err()).contains("--target-utilization: gpu.target_gpu_utilization must be >= 0.05 (got 1E-300)");
    CliRun r = plan("--rps", "5e-324");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--rps: workload.requests_per_second is too small");
  }

  @Test
  void tinyRequestRatePlansWithoutInfiniteFigures() throws Exception {
    CliRun r = plan("--rps", "1e-300", "--format", "json", "--no-compare");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode p = Json.mapper().readTree(r.out());
    assertThat(Figures.bad(p)).isEmpty();
    assertThat(r.out()).doesNotContain("\"Infinity\"").doesNotContain("NaN");
  }

  @Test
  void hugeBatchWithATinyContextWindowPlansInsteadOfCrashing() {
    CliRun r = CliRun.of("--rps", "30", "--input-tokens", "228", "--output-tokens", "1163", "--concurrency", "1", "--model-size", "70",
        "--batch-size", "65536", "--context-window", "128", "--gpu-type", "H200", "--no-compare", "--no-trace");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("llmcap inference plan").contains("exceeds the context window (128)");
    assertThat(r.err()).doesNotContain("internal error").doesNotContain("Exception");
  }
}
