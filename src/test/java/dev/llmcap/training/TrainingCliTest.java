package dev.llmcap.training;

import dev.llmcap.testsupport.CliRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.cli.Main;
import dev.llmcap.config.Json;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.model.ModelConfig;
import dev.llmcap.model.TrainingCapacityPlan;
import dev.llmcap.model.TrainingInput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training mode through the command line and the seed's programmatic example. */
class TrainingCliTest {
  @TempDir
  Path tmp;


  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void seedTrainingConfigPlans() throws Exception {
    Path file = tmp.resolve("training_plan.json");
    CliRun r = run("--config", "examples/training_config.json", "--output", file.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("llmcap training plan"), r.out());
    JsonNode plan = Json.mapper().readTree(file.toFile());
    assertEquals("training", plan.path("mode").asText());
    assertEquals("ok", plan.path("verdict").asText());
    for (String f : new String[] {"gpu_memory_per_gpu_gb", "model_weights_gb", "gradients_gb", "optimizer_states_gb", "activations_gb",
        "required_gpus", "recommended_gpu_type", "gpus_per_node", "num_nodes"}) {
      assertTrue(plan.path("gpu_resources").has(f), f);
    }
    for (String f : new String[] {"tokens_per_second_per_gpu", "total_tokens_per_second", "steps_per_epoch", "total_steps",
        "estimated_duration_hours", "estimated_duration_days"}) {
      assertTrue(plan.path("training_metrics").has(f), f);
    }
    assertTrue(plan.path("data_parallel_config").has("data_parallel_size"));
    assertTrue(plan.path("storage").has("model_checkpoint_gb"));
    assertTrue(plan.path("cost").has("total_training_cost"));
    assertTrue(plan.path("trace").size() > 20, "the audit trace lists the training rules' conclusions");
  }

  @Test
  void trainingFlagInInferenceModeIsRejected() {
    CliRun r = run("--model", "llama-3.1-8b", "--rps", "5", "--input-tokens", "100", "--output-tokens", "20", "--epochs", "3");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--epochs belongs to training mode"), r.err());
  }

  @Test
  void inferenceFlagInTrainingModeIsRejected() {
    CliRun r = run("--mode", "training", "--model", "llama-3.1-8b", "--dataset-size", "1000000", "--sequence-length", "2048", "--epochs", "1",
        "--global-batch-size", "8", "--rps", "5");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--rps belongs to inference mode"), r.err());
  }

  @Test
  void trainingSectionInInferenceConfigIsRejected() throws Exception {
    Path cfg = tmp.resolve("mixed.json");
    java.nio.file.Files.writeString(cfg, "{\"mode\": \"inference\", \"workload\": {\"requests_per_second\": 1, \"avg_input_tokens\": 10, "
        + "\"avg_output_tokens\": 10}, \"model\": {\"model_name\": \"llama-3.1-8b\"}, \"training\": {\"num_epochs\": 1}}");
    CliRun r = run("--config", cfg.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("the training section belongs to training mode"), r.err());
  }

  @Test
  void inferenceModelFieldInTrainingConfigIsRejected() throws Exception {
    Path cfg = tmp.resolve("mixed.json");
    java.nio.file.Files.writeString(cfg, "{\"mode\": \"training\", \"training\": {\"dataset_size_tokens\": 1000000, \"sequence_length\": 2048, "
        + "\"num_epochs\": 1, \"global_batch_size\": 8}, \"model\": {\"model_name\": \"llama-3.1-8b\", \"context_window\": 8192}}");
    CliRun r = run("--config", cfg.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("model.context_window belongs to inference mode"), r.err());
  }

  @Test
  void missingTrainingFieldsAreNamed() {
    CliRun r = run("--mode", "training", "--model", "llama-3.1-8b", "--dataset-size", "1000000");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("training.sequence_length is required (flag --sequence-length)"), r.err());
  }

  @Test
  void explainShowsTheTrainingTrace() {
    CliRun r = run("--mode", "training", "--model", "mistral-7b", "--method", "qlora", "--dataset-size", "50000000", "--sequence-length",
        "2048", "--epochs", "3", "--global-batch-size", "16", "--gpu-type", "L4", "--explain");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("[Tokens per second per GPU]"), r.out());
    assertTrue(r.out().contains("assumption train.mfu"), r.out());
  }

  @Test
  void seedProgrammaticExample() throws Exception {
    ModelConfig model = new ModelConfig(70, "FP16").contextWindow(8192);
    TrainingInput training = new TrainingInput(1_000_000_000L, 4096, 3, 64).optimizerType("Adam").gradientCheckpointing(true);
    TrainingCapacityPlan plan = new LLMForecastEngine().generateTrainingPlan(training, model);
    assertNotNull(plan.gpuResources().recommendedGpuType(), "no GPU given: the cheapest catalog GPU is recommended");
    assertTrue(plan.gpuOptions().size() > 10, "every catalog GPU is planned");
    assertEquals("ok", plan.gpuOptions().get(0).verdict());
    assertNotNull(plan.gpuResources().requiredGpus());
    assertNotNull(plan.trainingMetrics().estimatedDurationHours());
    assertNotNull(plan.cost().totalTrainingCost());
    assertEquals("FP16", plan.trainingInput().getTrainingPrecision(), "seed default training precision");
    assertEquals(1, plan.trainingInput().getMicroBatchSize(), "seed default micro batch");
  }
}
