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
 * The run's own cluster as training inputs (gpus_per_node, scaleout_gbits_per_gpu) and a gradient sync that runs only
 * after the backward pass (gradient_sync_overlap false): the exposed data-parallel sync grows as the stated network gets
 * slower and never shrinks when the overlap is turned off; compute does not move; bad values are usage errors naming the
 * field and the allowed range.
 */
class ClusterNetworkInputTest {
  @TempDir
  Path tmp;

  private int files;

  private Path config(String extra) throws Exception {
    Path f = tmp.resolve("net-" + (files++) + ".json");
    Files.writeString(f, "{\"mode\":\"training\",\"training\":{\"dataset_size_tokens\":1000000000,\"sequence_length\":2048,\"num_epochs\":1,"
        + "\"global_batch_size\":512,\"micro_batch_size\":16,\"optimizer_type\":\"AdamW\",\"gradient_checkpointing\":true,"
        + "\"training_precision\":\"BF16\",\"num_gpus\":32,\"layout\":\"TP1,PP1,DP32,ZERO1\"" + extra + "},"
        + "\"model\":{\"model_name\":\"pythia-1.4b\",\"precision\":\"BF16\"},\"gpu\":{\"gpu_type\":\"A100-40GB\"},"
        + "\"service\":{\"environment\":\"dev\",\"cloud_provider\":\"azure\"}}");
    return f;
  }

  private static JsonNode terms(Path config) throws Exception {
    CliRun r = CliRun.of("--config", config.toString(), "--format", "json", "--set", "train.cloud_instance_network=0");
    assertEquals(0, r.code(), r.err());
    JsonNode terms = Json.mapper().readTree(r.out()).path("layout_search").path("step_terms_s");
    assertTrue(terms.path("compute").asDouble() > 0, "a planned step: " + r.out());
    return terms;
  }

  @Test
  void exposedSyncGrowsAsTheStatedNetworkSlowsAndWithoutOverlap() throws Exception {
    double previous = -1;
    double compute = -1;
    for (int gbits : new int[] {800, 200, 50, 12}) {
      JsonNode overlapped = terms(config(",\"gpus_per_node\":8,\"scaleout_gbits_per_gpu\":" + gbits));
      JsonNode after = terms(config(",\"gpus_per_node\":8,\"scaleout_gbits_per_gpu\":" + gbits + ",\"gradient_sync_overlap\":false"));
      double exposed = after.path("data_parallel_sync").asDouble();
      assertTrue(exposed > previous, gbits + " Gb/s: exposed sync " + exposed + " s should exceed " + previous + " s at the faster network");
      assertTrue(exposed >= overlapped.path("data_parallel_sync").asDouble(), gbits + " Gb/s: turning the overlap off never hides more");
      if (compute < 0) {
        compute = after.path("compute").asDouble();
      }
      assertEquals(compute, after.path("compute").asDouble(), 1e-12, "the network does not change the GEMM time");
      assertEquals(compute, overlapped.path("compute").asDouble(), 1e-12, "the overlap does not change the GEMM time");
      previous = exposed;
    }
  }

  @Test
  void smallerNodesSendMoreOverTheScaleOutNetwork() throws Exception {
    // the same per-GPU network: with 8-GPU nodes each GPU carries 1/8 of the cross-node share instead of 1/16
    double eight = terms(config(",\"gpus_per_node\":8,\"scaleout_gbits_per_gpu\":50,\"gradient_sync_overlap\":false")).path("data_parallel_sync").asDouble();
    double sixteen = terms(config(",\"gpus_per_node\":16,\"scaleout_gbits_per_gpu\":50,\"gradient_sync_overlap\":false")).path("data_parallel_sync").asDouble();
    assertTrue(eight > sixteen, "8 per node " + eight + " s vs 16 per node " + sixteen + " s");
  }

  @Test
  void defaultsLeaveThePlanUnchanged() throws Exception {
    // the A100 assumptions are 200 Gb/s per GPU and the catalog node 16 GPUs: stating them changes nothing
    JsonNode implicit = terms(config(""));
    JsonNode stated = terms(config(",\"gpus_per_node\":16,\"scaleout_gbits_per_gpu\":200,\"gradient_sync_overlap\":true"));
    assertEquals(implicit.toString(), stated.toString());
  }

  @Test
  void badValuesAreUsageErrorsNamingTheField() throws Exception {
    CliRun r = CliRun.of("--config", config(",\"scaleout_gbits_per_gpu\":0").toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("training.scaleout_gbits_per_gpu"), r.err());
    assertTrue(r.err().contains("0"), r.err());
    CliRun n = CliRun.of("--config", config(",\"gpus_per_node\":0").toString());
    assertEquals(2, n.code(), n.out());
    assertTrue(n.err().contains("training.gpus_per_node"), n.err());
    CliRun o = CliRun.of("--config", config(",\"gradient_sync_overlap\":\"sometimes\"").toString());
    assertEquals(2, o.code(), o.out());
    assertTrue(o.err().contains("training.gradient_sync_overlap"), o.err());
    assertTrue(!r.err().contains("Exception") && !n.err().contains("Exception") && !o.err().contains("Exception"), r.err() + n.err() + o.err());
  }
}
