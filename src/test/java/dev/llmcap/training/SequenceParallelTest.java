package dev.llmcap.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.config.Json;
import dev.llmcap.testsupport.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sequence parallelism as a training input: without it each tensor-parallel rank repeats the residual-stream share of the
 * memory-bound element-wise kernels, so their step time grows with TP and is unchanged at TP1; the GEMM compute never
 * changes; the flag and the config field reach the rules; a bad value is a usage error naming the field.
 */
class SequenceParallelTest {
  @TempDir
  Path tmp;

  private Path config(String layout, String extra) throws Exception {
    Path f = tmp.resolve("sp-" + layout.replace(',', '-') + (extra.isEmpty() ? "" : "-x") + ".json");
    Files.writeString(f, "{\"mode\":\"training\",\"training\":{\"dataset_size_tokens\":1000000000,\"sequence_length\":2048,\"num_epochs\":1,"
        + "\"global_batch_size\":64,\"micro_batch_size\":8,\"optimizer_type\":\"AdamW\",\"gradient_checkpointing\":true,"
        + "\"training_precision\":\"BF16\",\"num_gpus\":8,\"layout\":\"" + layout + "\"" + extra + "},"
        + "\"model\":{\"model_name\":\"pythia-6.9b\",\"precision\":\"BF16\"},\"gpu\":{\"gpu_type\":\"A100-80GB\"},"
        + "\"service\":{\"environment\":\"dev\",\"cloud_provider\":\"azure\"}}");
    return f;
  }

  private static JsonNode terms(Path config, String... more) throws Exception {
    String[] args = new String[6 + more.length];
    args[0] = "--config";
    args[1] = config.toString();
    args[2] = "--format";
    args[3] = "json";
    args[4] = "--set";
    args[5] = "train.cloud_instance_network=0";
    System.arraycopy(more, 0, args, 6, more.length);
    CliRun r = CliRun.of(args);
    assertEquals(0, r.code(), r.err());
    return Json.mapper().readTree(r.out()).path("layout_search").path("step_terms_s");
  }

  @Test
  void repeatedElementwiseTimeGrowsWithTensorParallelismAndVanishesAtTp1() throws Exception {
    double previousExtra = -1;
    for (int tp : new int[] {1, 2, 4}) {
      String layout = "TP" + tp + ",PP1,DP" + (8 / tp) + ",ZERO1";
      JsonNode on = terms(config(layout, ""));
      JsonNode off = terms(config(layout, ",\"sequence_parallel\":false"));
      double extra = off.path("memory_bound_ops").asDouble() - on.path("memory_bound_ops").asDouble();
      assertEquals(on.path("compute").asDouble(), off.path("compute").asDouble(), 1e-9, "GEMM compute does not depend on sequence parallelism");
      if (tp == 1) {
        assertEquals(0.0, extra, 1e-9, "TP1 has nothing to repeat");
      } else {
        assertTrue(extra > previousExtra, "TP" + tp + ": repeated element-wise time " + extra + " s should exceed " + previousExtra + " s");
        // per extra rank the repeated time is the residual-stream share (0.45) of the layers' element-wise time (the
        // cross-entropy stays split): just under 0.45 of the whole element-wise time with sequence parallelism
        double perRank = extra / (tp - 1) / on.path("memory_bound_ops").asDouble();
        assertTrue(perRank > 0.40 && perRank <= 0.45, "TP" + tp + ": repeated time per extra rank / split time = " + perRank);
      }
      previousExtra = extra;
    }
  }

  @Test
  void flagMatchesConfigField() throws Exception {
    JsonNode byField = terms(config("TP4,PP1,DP2,ZERO1", ",\"sequence_parallel\":false"));
    JsonNode byFlag = terms(config("TP4,PP1,DP2,ZERO1", ""), "--no-sequence-parallel");
    assertEquals(byField.path("memory_bound_ops").asDouble(), byFlag.path("memory_bound_ops").asDouble(), 1e-12);
    assertTrue(byFlag.path("memory_bound_ops").asDouble() > terms(config("TP4,PP1,DP2,ZERO1", "")).path("memory_bound_ops").asDouble());
  }

  @Test
  void badValueIsAUsageErrorNamingTheField() throws Exception {
    CliRun r = CliRun.of("--config", config("TP4,PP1,DP2,ZERO1", ",\"sequence_parallel\":\"maybe\"").toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("training.sequence_parallel must be true or false (got \"maybe\")"), r.err());
    assertTrue(!r.err().contains("Exception"), r.err());
  }

  @Test
  void flagBelongsToTrainingMode() {
    CliRun r = CliRun.of("--model", "llama-3.1-8b", "--rps", "5", "--input-tokens", "100", "--output-tokens", "20", "--no-sequence-parallel");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("--no-sequence-parallel belongs to training mode"), r.err());
  }
}
