package dev.llmcap.training;

import dev.llmcap.testsupport.CliRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.cli.Main;
import dev.llmcap.config.Json;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.TrainingValidation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training at scale: communication terms, pipeline bubbles, layout search, goodput and fixed-layout errors, through the
 * command line (plans read back from their JSON).
 */
class TrainingScaleTest {
  @TempDir
  Path tmp;


  private static CliRun run(List<String> args) {
    return CliRun.of(args.toArray(new String[0]));
  }

  private JsonNode plan(String... extra) throws Exception {
    Path out = tmp.resolve("plan" + System.nanoTime() + ".json");
    List<String> a = new ArrayList<>(List.of("--mode", "training", "--no-trace", "--force", "--output", out.toString()));
    a.addAll(List.of(extra));
    CliRun r = run(a);
    assertEquals(0, r.code(), r.err());
    return Json.mapper().readTree(out.toFile());
  }

  private static List<String> base(String model, String gpu, int gpus, int seq, int batch) {
    return new ArrayList<>(List.of("--model", model, "--gpu-type", gpu, "--num-gpus", String.valueOf(gpus), "--dataset-size", "1000000000000",
        "--sequence-length", String.valueOf(seq), "--epochs", "1", "--global-batch-size", String.valueOf(batch), "--training-precision", "BF16"));
  }

  private JsonNode plan(List<String> args) throws Exception {
    return plan(args.toArray(new String[0]));
  }

  private static double term(JsonNode plan, String name) {
    return plan.path("layout_search").path("step_terms_s").path(name).asDouble();
  }

  @Test
  void tensorParallelTimeGrowsWithTpAcrossASlowLink() throws Exception {
    double previous = -1;
    for (int tp : new int[] {2, 4, 8}) {
      List<String> a = base("llama-3.1-8b", "L40S", 8, 4096, 64);
      a.addAll(List.of("--layout", "TP" + tp + ",PP1", "--gradient-checkpointing"));
      double t = term(plan(a), "tensor_parallel");
      assertTrue(t > previous, "TP" + tp + " all-reduce time " + t + " s should exceed " + previous + " s");
      previous = t;
    }
    // the same TP8 over NVLink is far cheaper than over PCIe
    List<String> a = base("llama-3.1-8b", "H100-80GB", 8, 4096, 64);
    a.addAll(List.of("--layout", "TP8,PP1", "--gradient-checkpointing"));
    assertTrue(term(plan(a), "tensor_parallel") * 5 < previous, "NVLink TP8 should cost much less than PCIe TP8");
  }

  @Test
  void dataParallelTimeGrowsOverASlowerNetwork() throws Exception {
    double previous = -1;
    for (String gbits : new String[] {"400", "100", "25"}) {
      List<String> a = base("mpt-70b", "H100-80GB", 64, 2048, 512);
      a.addAll(List.of("--layout", "TP1,PP1,DP64,ZERO3", "--gradient-checkpointing", "--set", "train.scaleout_gbits_per_gpu@Hopper=" + gbits,
          "--set", "train.zero3_overlap=0", "--set", "train.cloud_instance_network=0"));
      double t = term(plan(a), "zero3_gathers");
      assertTrue(t > previous, gbits + " Gb/s: ZeRO-3 traffic " + t + " s should exceed " + previous + " s");
      previous = t;
    }
    double prevSync = -1;
    for (String gbits : new String[] {"400", "50", "10"}) {
      List<String> a = base("llama-3.1-8b", "H100-80GB", 64, 4096, 64);
      a.addAll(List.of("--layout", "TP1,PP1,DP64,ZERO1", "--set", "train.scaleout_gbits_per_gpu@Hopper=" + gbits, "--set", "train.dp_overlap=0",
          "--set", "train.cloud_instance_network=0"));
      double t = term(plan(a), "data_parallel_sync");
      assertTrue(t > prevSync, gbits + " Gb/s: gradient sync " + t + " s should exceed " + prevSync + " s");
      prevSync = t;
    }
  }

  @Test
  void nodeSizeAndNetworkComeFromTheCloudsInstanceShape() throws Exception {
    // A100-40GB: AWS p4d.24xlarge has 8 GPUs and 400 Gb/s EFA (50 Gb/s per GPU); GCP a2-megagpu-16g has 16 GPUs; an own
    // cluster (train.cloud_instance_network=0) uses the catalog's 16 GPUs per node and the 200 Gb/s per GPU assumption
    List<String> a = base("llama-3.1-8b", "A100-40GB", 64, 4096, 256);
    a.addAll(List.of("--cloud", "aws", "--explain", "scale_out_gbytes_per_s"));
    CliRun aws = run(withMode(a));
    assertEquals(0, aws.code(), aws.err());
    assertTrue(aws.out().contains("p4d.24xlarge scale-out network 400 Gb/s") && aws.out().contains("= 5 GB/s"), aws.out());
    JsonNode onAws = plan(base("llama-3.1-8b", "A100-40GB", 64, 4096, 256).toArray(new String[0]));
    assertEquals(8, onAws.path("gpu_resources").path("gpus_per_node").asInt(), "p4d.24xlarge nodes: " + onAws.path("gpu_resources"));
    List<String> g = base("llama-3.1-8b", "A100-40GB", 64, 4096, 256);
    g.addAll(List.of("--cloud", "gcp"));
    assertEquals(16, plan(g).path("gpu_resources").path("gpus_per_node").asInt(), "a2-megagpu-16g nodes");
    List<String> own = base("llama-3.1-8b", "A100-40GB", 64, 4096, 256);
    own.addAll(List.of("--set", "train.cloud_instance_network=0", "--explain", "scale_out_gbytes_per_s"));
    CliRun o = run(withMode(own));
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("train.scaleout_gbits_per_gpu@Ampere = 200") && o.out().contains("= 20 GB/s"), o.out());
  }

  private static List<String> withMode(List<String> args) {
    List<String> a = new ArrayList<>(List.of("--mode", "training"));
    a.addAll(args);
    return a;
  }

  @Test
  void attentionFlopsFollowTheHeadWidthsOfMultiHeadLatentAttention() throws Exception {
    // DeepSeek-V3 at 4,096 tokens: NVIDIA's Megatron-Bridge 25.09 table gives 338 TFLOP/s per GPU at 1,297 tokens/s per GPU
    // (training.csv TRN111), i.e. 2.606e11 model FLOPs per token; MLA's 128 heads x 192 query/key and 128 value dims make
    // the attention far wider than the hidden size of 7,168
    List<String> a = base("deepseek-v3", "H100-80GB", 1024, 4096, 8192);
    a.set(a.indexOf("BF16"), "FP8");
    a.addAll(List.of("--layout", "TP2,PP8,VP4,EP64"));
    double flops = plan(a).path("training_metrics").path("model_flops_per_token").asDouble();
    assertEquals(338e12 / 1297, flops, 0.03 * flops, "model FLOPs per token");
  }

  @Test
  void pipelineBubbleMatchesHandComputation() throws Exception {
    // 1F1B, PP4, 8 micro batches per step (batch 64 / (micro 1 x DP8)): (4 - 1) / (8 + 4 - 1) = 3/11
    List<String> a = base("llama-2-13b", "H100-80GB", 32, 4096, 64);
    a.addAll(List.of("--layout", "TP1,PP4,VP1,DP8,ZERO1", "--gradient-checkpointing"));
    JsonNode p = plan(a);
    assertEquals(3.0 / 11.0, p.path("training_metrics").path("pipeline_bubble_fraction").asDouble(), 1e-3);
    // interleaved with VP2: (4 - 1) / (2 x 8 + 4 - 1) = 3/19
    a = base("llama-2-13b", "H100-80GB", 32, 4096, 64);
    a.addAll(List.of("--layout", "TP1,PP4,VP2,DP8,ZERO1", "--gradient-checkpointing"));
    JsonNode q = plan(a);
    assertEquals(3.0 / 19.0, q.path("training_metrics").path("pipeline_bubble_fraction").asDouble(), 1e-3);
    // the bubble term in seconds: (PP - 1) / VP x the per-micro-batch stage time, GEMMs and memory-bound kernels (40 layers
    // divide 4 x 2 stages evenly)
    double perMicro = (term(q, "compute") + term(q, "memory_bound_ops") + term(q, "tensor_parallel")) / 8.0;
    assertEquals(3.0 / 2.0 * perMicro, term(q, "pipeline_bubble"), 1e-3 * perMicro + 1e-4);
  }

  @Test
  void a405bPlanOnThousandsOfH100sUsesPipelineStages() throws Exception {
    List<String> a = base("llama-3.1-405b", "H100-80GB", 16384, 8192, 2048);
    JsonNode p = plan(a);
    assertTrue(p.path("gpu_resources").path("pipeline_parallel").asInt() > 1, "PP " + p.path("layout_search"));
    assertEquals(8, p.path("gpu_resources").path("tensor_parallel").asInt(), "TP fills the NVLink domain");
    assertTrue(p.path("gpu_resources").path("zero_stage").asInt() < 3, "no ZeRO-3 over thousands of data-parallel ranks");
    double mfu = p.path("layout_search").path("achieved_mfu").asDouble();
    assertTrue(mfu > 0.30 && mfu < 0.48, "Llama 3 reports 38-43% MFU at this scale; predicted " + mfu);
    assertTrue(p.path("layout_search").path("fastest_layouts").size() >= 3, "the plan lists the layouts compared");
    // the headline's layout multiplies out to the GPU count (context-parallel ranks named when there are any)
    String headline = p.path("headline").get(0).asText();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("TP(\\d+) x PP(\\d+)(?: x CP(\\d+))? x DP(\\d+)").matcher(headline);
    assertTrue(m.find(), headline);
    long product = Long.parseLong(m.group(1)) * Long.parseLong(m.group(2)) * (m.group(3) == null ? 1 : Long.parseLong(m.group(3)))
        * Long.parseLong(m.group(4));
    assertEquals(16384L, product, headline);
  }

  @Test
  void aFineGrainedMoeSplitsItsExpertsAndPaysForRouting() throws Exception {
    List<String> a = base("deepseek-v3", "H100-80GB", 2048, 4096, 15360);
    a.set(a.indexOf("BF16"), "FP8");
    JsonNode p = plan(a);
    assertTrue(p.path("layout_search").path("expert_parallel").asInt() > 1, "256 experts are split over EP: " + p.path("layout_search").path("layout"));
    assertTrue(term(p, "moe_imbalance") > 0, "routing imbalance and small expert GEMMs cost time");
    double mfu = p.path("layout_search").path("achieved_mfu").asDouble();
    assertTrue(mfu < 0.35, "MoE MFU stays below dense (DeepSeek-V3 report: about 17-20% of the FP8 peak); predicted " + mfu);
  }

  @Test
  void youngDalyIntervalMatchesItsFormulaAndGoodputLowersTheRun() throws Exception {
    JsonNode p = plan(base("llama-3.1-405b", "H100-80GB", 16384, 8192, 2048));
    JsonNode g = p.path("goodput");
    double mtbf = g.path("job_mtbf_hours").asDouble();
    assertEquals(1.0 / (1.97e-5 * 16384), mtbf, 1e-3 * mtbf);
    double write = g.path("checkpoint_write_s").asDouble();
    assertEquals(Math.sqrt(2 * write / 3600.0 * mtbf), g.path("checkpoint_interval_hours").asDouble(), 2e-3);
    double goodput = g.path("goodput").asDouble();
    assertTrue(goodput > 0.85 && goodput < 0.95, "Llama 3 reports about 90% effective training time at 16k GPUs; predicted " + goodput);
    double pe = g.path("production_efficiency").asDouble();
    assertEquals(0.76, pe, 1e-9, "train.production_efficiency default");
    assertEquals(g.path("ideal_duration_days").asDouble() / (goodput * pe), g.path("expected_duration_days").asDouble(),
        0.01 * g.path("expected_duration_days").asDouble());
  }

  /**
   * The production efficiency divides a whole run's expected wall clock and GPU-hours (ideal / (goodput x efficiency)) and
   * the cost that follows them, and leaves the steady-state figures alone: tokens/s per GPU, achieved MFU, step time and
   * the ideal GPU-hours are the same at any value.
   */
  @Test
  void productionEfficiencyStretchesTheWholeRunButNotTheSteadyStateRate() throws Exception {
    List<String> a = base("llama-3.1-8b", "H100-80GB", 64, 8192, 512);
    JsonNode def = plan(a);
    List<JsonNode> plans = new ArrayList<>();
    for (String v : new String[] {"1", "0.9", "0.5"}) {
      List<String> b = new ArrayList<>(a);
      b.addAll(List.of("--set", "train.production_efficiency=" + v));
      plans.add(plan(b));
    }
    double previous = 0;
    for (JsonNode p : plans) {
      JsonNode g = p.path("goodput");
      double pe = g.path("production_efficiency").asDouble();
      double expected = g.path("ideal_gpu_hours").asDouble() / (g.path("goodput").asDouble() * pe);
      assertEquals(expected, g.path("expected_gpu_hours").asDouble(), 1e-3 * expected, "expected GPU-hours at efficiency " + pe);
      assertTrue(g.path("expected_gpu_hours").asDouble() > previous, "a lower efficiency costs more GPU-hours");
      previous = g.path("expected_gpu_hours").asDouble();
      assertEquals(def.path("training_metrics").path("tokens_per_second_per_gpu").asDouble(),
          p.path("training_metrics").path("tokens_per_second_per_gpu").asDouble(), 1e-9, "tokens/s per GPU is a steady-state figure");
      assertEquals(def.path("layout_search").path("achieved_mfu").asDouble(), p.path("layout_search").path("achieved_mfu").asDouble(), 1e-9);
      assertEquals(def.path("goodput").path("ideal_gpu_hours").asDouble(), g.path("ideal_gpu_hours").asDouble(), 1e-9);
    }
    // at efficiency 1 the run loses only what failures and checkpoints take
    JsonNode one = plans.get(0).path("goodput");
    assertEquals(one.path("ideal_duration_days").asDouble() / one.path("goodput").asDouble(), one.path("expected_duration_days").asDouble(),
        0.01 * one.path("expected_duration_days").asDouble());
  }

  @Test
  void badFixedLayoutsExitTwoNamingTheFieldAndAllowedValues() {
    String[][] cases = {
        {"TP8,PP16,DP64", "4096", "training.num_gpus", "allowed: DP32"},
        {"TP3,PP1", "12", "attention heads", "allowed: TP"},
        {"TP1,PP1,EP3", "48", "experts", "allowed: EP"},
        {"TP8,PP200", "1600", "layers", "allowed: PP1-PP"},
        {"TP8,XX2", "8", "not understood", "TP"},
        {"TP8,PP1,DP1,ZERO1", "8", "DP1 has nothing to shard", "allowed with DP1: ZERO0"},
        {"TP8,PP1,ZERO3", "8", "DP1 has nothing to shard", "allowed with DP1: ZERO0"}};
    for (String[] c : cases) {
      String model = c[0].contains("EP") ? "mixtral-8x7b" : "llama-3.1-405b";
      List<String> a = new ArrayList<>(List.of("--mode", "training", "--model", model, "--gpu-type", "H100-80GB", "--num-gpus", c[1],
          "--dataset-size", "1000000000", "--sequence-length", "4096", "--epochs", "1", "--global-batch-size", "1024", "--layout", c[0]));
      CliRun r = run(a);
      assertEquals(2, r.code(), c[0] + ": " + r.err());
      assertTrue(r.err().contains(c[2]) && r.err().contains(c[3]), c[0] + " should name " + c[2] + " and " + c[3] + ": " + r.err());
      assertTrue(!r.err().contains("Exception"), r.err());
    }
  }

  @Test
  void validateScoresGpuHourAndMfuRows() throws Exception {
    TrainingValidation.Report report = TrainingValidation.score(new LLMForecastEngine(), Path.of("src/test/resources/calibration/training.csv"));
    long gpuHours = report.rows().stream().filter(r -> r.metric().equals("gpu_hours") && r.errorPct() != null).count();
    long mfu = report.rows().stream().filter(r -> r.metric().equals("mfu") && r.errorPct() != null).count();
    long moe = report.rows().stream().filter(r -> r.moe() && r.errorPct() != null).count();
    assertTrue(gpuHours >= 22, "GPU-hour rows scored (21 dense, 1 MoE): " + gpuHours);
    assertTrue(mfu >= 3, "MFU rows scored: " + mfu);
    assertTrue(moe >= 3, "MoE rows scored: " + moe);
    // Llama-2-7B: 184,320 A100 hours published (model card); the plan at 2048 GPUs stays within 15% (-11.3% measured
    // 2026-12-06 with the memory-bound element-wise term and the refitted train.mfu@Ampere; -4.6% before)
    TrainingValidation.Row llama2 = report.rows().stream().filter(r -> r.id().equals("TRN001")).findFirst().orElseThrow();
    assertTrue(Math.abs(llama2.errorPct()) <= 15, "Llama-2-7B GPU-hours error " + llama2.errorPct());
    assertEquals("whole run", llama2.basis());
    // Pythia's hours were computed from logged iteration time: scored against the ideal GPU-hours, not the expected ones
    TrainingValidation.Row pythia = report.rows().stream().filter(r -> r.id().equals("TRN127")).findFirst().orElseThrow();
    assertEquals("steady-state hours", pythia.basis());
    assertTrue(pythia.checkpointing() && pythia.layout().startsWith("TP2,"), "Pythia-6.9B planned at its run config: " + pythia);
    TrainingValidation.Row mpt = report.rows().stream().filter(r -> r.id().equals("TRN118")).findFirst().orElseThrow();
    assertEquals("whole run, in-sample", mpt.basis());
  }
}
