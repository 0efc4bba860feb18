package dev.llmcap.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.config.Json;
import dev.llmcap.testsupport.CliRun;
import org.junit.jupiter.api.Test;

/** A training plan names its rules folder as an inference plan does: relative to the working directory, not where the clone lives. */
class TrainingRulesFolderShownTest {
  @Test
  void theRulesFolderIsShownRelativeToTheWorkingDirectory() throws Exception {
    CliRun training = CliRun.of("--mode", "training", "--model", "llama-3.1-8b", "--gpu-type", "H100", "--num-gpus", "8",
        "--dataset-size", "1e8", "--sequence-length", "2048", "--global-batch-size", "64", "--epochs", "1", "--format", "json");
    CliRun inference = CliRun.of("--model", "llama-3.1-8b", "--gpu-type", "H100", "--rps", "1", "--input-tokens", "500",
        "--output-tokens", "100", "--no-compare", "--format", "json");
    JsonNode t = Json.mapper().readTree(training.out()).path("rules");
    JsonNode i = Json.mapper().readTree(inference.out()).path("rules");
    assertEquals(i.path("folder").asText(), t.path("folder").asText(), training.err());
    assertEquals("rules", t.path("folder").asText(), t.toString());
  }
}
