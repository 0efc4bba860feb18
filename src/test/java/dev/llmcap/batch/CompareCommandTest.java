package dev.llmcap.batch;

import dev.llmcap.testsupport.CliRun;
import static dev.llmcap.batch.BatchTestSupport.config;
import static dev.llmcap.batch.BatchTestSupport.run;
import static dev.llmcap.batch.BatchTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compare command: options that meet the SLA ranked by monthly cost, the rest rejected with the rules' reason. */
class CompareCommandTest {
  @TempDir
  Path dir;

  @Test
  void rankedOptionsAreCalibratedFirstThenByMonthlyCostAndRejectedOnesSayWhy() throws Exception {
    Path cfg = write(dir.resolve("c.json"), config("llama-3.1-70b", "FP8", 4, "A100-80GB"));
    Path out = dir.resolve("ranking.json");
    CliRun r = run("compare", cfg.toString(), "--gpus", "H100-80GB,A100-80GB,L40S,H200,T4", "--clouds", "aws,gcp",
        "--output", out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    JsonNode rows = new ObjectMapper().readTree(out.toFile());
    assertThat(rows.size()).isEqualTo(10);
    List<Double> costs = new ArrayList<>();
    List<Double> uncalibratedCosts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int expectedRank = 1;
    boolean inRejected = false;
    for (JsonNode row : rows) {
      assertThat(seen.add(row.get("gpu").asText() + "/" + row.get("cloud").asText())).isTrue();
      if (row.get("rank").isNull()) {
        inRejected = true;
        assertThat(row.get("status").asText()).isEqualTo("rejected");
        assertThat(row.get("reason").asText()).isNotBlank();
      } else {
        assertThat(inRejected).as("ranked options come first").isFalse();
        assertThat(row.get("rank").asInt()).isEqualTo(expectedRank++);
        assertThat(row.get("verdict").asText()).isEqualTo("ok");
        assertThat(row.get("region").asText()).isNotBlank();
        assertThat(row.get("instance_type").asText()).isNotBlank();
        assertThat(row.get("instances_at_max").asInt()).isPositive();
        if ("uncalibrated".equals(row.get("efficiencies").asText())) {
          uncalibratedCosts.add(row.get("monthly_total_cost_usd").asDouble());
        } else {
          assertThat(uncalibratedCosts).as("calibrated options rank before uncalibrated ones").isEmpty();
          costs.add(row.get("monthly_total_cost_usd").asDouble());
        }
      }
    }
    assertThat(costs).isNotEmpty().isSorted();
    assertThat(uncalibratedCosts).isSorted();
    CliRun text = run("compare", cfg.toString(), "--gpus", "H100-80GB,A100-80GB,L40S,H200,T4", "--clouds", "aws,gcp");
    assertThat(text.out()).contains("Options that meet the SLA, calibrated GPUs first, each cheapest first (whole instances):").contains("Rejected:");
  }

  @Test
  void unknownGpuOrCloudIsAUsageError() throws Exception {
    Path cfg = write(dir.resolve("c.json"), config("llama-3.1-8b", "FP16", 1, "L4"));
    assertThat(run("compare", cfg.toString(), "--gpus", "Z9000").code()).isEqualTo(2);
    assertThat(run("compare", cfg.toString(), "--clouds", "oracle").err()).contains("unknown cloud 'oracle'");
  }
}
