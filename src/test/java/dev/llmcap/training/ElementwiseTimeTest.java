package dev.llmcap.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.cli.Main;
import dev.llmcap.config.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory-bound element-wise step term (layer norms, residual adds, activation, softmax cross-entropy at the HBM
 * bandwidth): a hand computation, and its properties over model size, GPU and recomputation, through the command line.
 */
class ElementwiseTimeTest {
  @TempDir
  Path tmp;

  private JsonNode plan(List<String> args) throws Exception {
    Path out = tmp.resolve("plan" + System.nanoTime() + ".json");
    List<String> a = new ArrayList<>(List.of("--mode", "training", "--no-trace", "--force", "--output", out.toString()));
    a.addAll(args);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(a.toArray(new String[0]), new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), false);
    assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
    return Json.mapper().readTree(out.toFile());
  }

  private static List<String> run(String model, String gpu, int gpus, String layout, boolean recompute) {
    List<String> a = new ArrayList<>(List.of("--model", model, "--gpu-type", gpu, "--num-gpus", String.valueOf(gpus), "--dataset-size", "10000000000",
        "--sequence-length", "2048", "--epochs", "1", "--global-batch-size", "256", "--micro-batch-size", "4", "--training-precision", "BF16",
        "--layout", layout));
    if (recompute) {
      a.add("--gradient-checkpointing");
    }
    return a;
  }

  private static double term(JsonNode plan, String name) {
    return plan.path("layout_search").path("step_terms_s").path(name).asDouble();
  }

  /** Share of the GPU's busy time (GEMMs + element-wise kernels) spent in the memory-bound kernels. */
  private static double share(JsonNode plan) {
    double ew = term(plan, "memory_bound_ops");
    return ew / (ew + term(plan, "compute"));
  }

  /**
   * Pythia-1B (16 layers, hidden 2048, vocabulary 50,304: the model catalog, from the Pythia run config) on 8 x A100-40GB
   * (1.555 TB/s), 256 x 2048 tokens per step, no recomputation: per token 3 forward-pass equivalents x 16 x 132 x 2048 +
   * 32 x 50,304 bytes = 14,585,856 bytes; x 524,288 tokens / (8 GPUs x 1.555e12 B/s) = 0.6147 s per step.
   */
  @Test
  void handComputedTermForPythia1b() throws Exception {
    JsonNode p = plan(run("pythia-1b", "A100-40GB", 8, "TP1,PP1,DP8,ZERO1", false));
    double bytesPerToken = 3.0 * 16 * 132 * 2048 + 32.0 * 50304;
    double expected = 256.0 * 2048 * bytesPerToken / (8 * 1.555e12);
    assertEquals(14_585_856.0, bytesPerToken, 0.5);
    assertEquals(expected, term(p, "memory_bound_ops"), 1e-3 * expected, p.path("layout_search").toString());
    // recomputation repeats the forward: 4 forward-pass equivalents for the layers, the loss once
    JsonNode r = plan(run("pythia-1b", "A100-40GB", 8, "TP1,PP1,DP8,ZERO1", true));
    double withRecompute = 256.0 * 2048 * (4.0 * 16 * 132 * 2048 + 32.0 * 50304) / (8 * 1.555e12);
    assertEquals(withRecompute, term(r, "memory_bound_ops"), 1e-3 * withRecompute);
    // the step total contains the term
    assertTrue(p.path("layout_search").path("step_time_s").asDouble() >= term(p, "compute") + term(p, "memory_bound_ops") - 1e-3);
  }

  /**
   * GEMM FLOPs grow with hidden^2 and this traffic with hidden: its share of the busy time falls as models grow (hidden 512
   * to 5120, all with recomputation so the larger ones fit 8 GPUs), never reaching 1.
   */
  @Test
  void shareFallsAsHiddenSizeGrows() throws Exception {
    String[][] models = {{"pythia-70m", "TP1,PP1,DP8,ZERO1"}, {"pythia-410m", "TP1,PP1,DP8,ZERO1"}, {"pythia-1.4b", "TP1,PP1,DP8,ZERO1"},
        {"pythia-6.9b", "TP1,PP1,DP8,ZERO3"}, {"mpt-13b", "TP1,PP1,DP8,ZERO3"}};
    double previous = 1.0;
    for (String[] m : models) {
      double s = share(plan(run(m[0], "H100-80GB", 8, m[1], true)));
      assertTrue(s > 0 && s < previous, m[0] + ": memory-bound share " + s + " should be below " + previous);
      previous = s;
    }
  }

  /** More FLOPs per byte of HBM bandwidth make the same traffic a larger share: H100 (989 TFLOP/s, 3.35 TB/s) above A100-80GB (312, 2.04). */
  @Test
  void shareGrowsWithTheGpusFlopsPerByte() throws Exception {
    double a100 = share(plan(run("pythia-1b", "A100-80GB", 8, "TP1,PP1,DP8,ZERO1", false)));
    double h100 = share(plan(run("pythia-1b", "H100-80GB", 8, "TP1,PP1,DP8,ZERO1", false)));
    assertTrue(h100 > a100, "H100 share " + h100 + " should exceed A100 share " + a100);
  }

  /** Setting both byte counts to 0 removes the term and shortens the step by exactly that much. */
  @Test
  void zeroBytesRemoveTheTerm() throws Exception {
    List<String> a = run("pythia-410m", "A100-80GB", 8, "TP1,PP1,DP8,ZERO1", false);
    JsonNode with = plan(a);
    a.addAll(List.of("--set", "train.elementwise_bytes_per_hidden=0", "--set", "train.loss_bytes_per_vocab=0"));
    JsonNode without = plan(a);
    assertEquals(0.0, term(without, "memory_bound_ops"), 1e-12);
    assertEquals(term(with, "compute"), term(without, "compute"), 1e-9);
    assertTrue(with.path("layout_search").path("step_time_s").asDouble() > without.path("layout_search").path("step_time_s").asDouble());
  }
}
