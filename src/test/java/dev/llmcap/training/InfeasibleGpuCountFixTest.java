package dev.llmcap.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.config.Json;
import dev.llmcap.testsupport.CliRun;
import org.junit.jupiter.api.Test;

/**
 * A training run that does not fit the GPU count given: the headline's fix names the nearest cluster itself, and offers
 * gradient checkpointing first when the run keeps every activation, which then makes the same cluster fit.
 */
class InfeasibleGpuCountFixTest {
  private static JsonNode plan(int gpus, String... extra) throws Exception {
    String[] base = {"--mode", "training", "--model", "llama-3.1-70b", "--gpu-type", "H100", "--num-gpus", String.valueOf(gpus), "--dataset-size", "1e9",
        "--sequence-length", "4096", "--global-batch-size", "64", "--epochs", "1", "--format", "json"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    CliRun r = CliRun.of(args);
    JsonNode plan = Json.mapper().readTree(r.out());
    assertTrue(r.code() == 0 || "infeasible".equals(plan.path("verdict").asText()), r.err());
    return plan;
  }

  private static String verdictFix(JsonNode plan) {
    for (JsonNode f : plan.path("findings")) {
      if ("verdict".equals(f.path("kind").asText())) {
        return f.path("fix").asText();
      }
    }
    return "";
  }

  @Test
  void withoutCheckpointingTheFixOffersItFirstAndItFits() throws Exception {
    JsonNode off = plan(16);
    assertEquals("infeasible", off.path("verdict").asText());
    String fix = verdictFix(off);
    assertTrue(fix.startsWith("turn on --gradient-checkpointing"), fix);
    assertTrue(fix.contains("use --num-gpus 32"), fix);
    assertTrue(off.path("headline").toString().contains("Nearest fix: turn on --gradient-checkpointing"), off.path("headline").toString());

    JsonNode on = plan(16, "--gradient-checkpointing");
    assertEquals("ok", on.path("verdict").asText(), "16 x H100 hold the run once the activations are checkpointed");
  }

  @Test
  void withCheckpointingTheFixNamesTheNearestCluster() throws Exception {
    JsonNode plan = plan(8, "--gradient-checkpointing");
    assertEquals("infeasible", plan.path("verdict").asText());
    String fix = verdictFix(plan);
    assertFalse(fix.contains("gradient-checkpointing"), fix);
    assertTrue(fix.matches("use --num-gpus \\d+ \\(the smallest cluster of H100-80GB that holds this run as planned\\)"), fix);
  }
}
