package dev.llmcap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcap.catalog.ModelSpec;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.fact.ArchitectureSummary;
import dev.llmcap.model.fact.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules against published figures: parameter counts of every catalog model (each entry cites its
 * published count), KV bytes per token by hand for each attention kind, the context check and FP4 weights.
 */
class ArchitectureRulesTest {
  private final LLMForecastEngine engine = Engines.shared();

  @Test
  void everyCatalogModelsDerivedCountsAreWithinTwoPercentOfItsPublishedCounts() throws Exception {
    List<String> off = new ArrayList<>();
    ArchitectureFacts facts = new ArchitectureFacts(engine);
    for (ModelSpec m : engine.catalog().models()) {
      ArchitectureSummary a = facts.summarize(m);
      double active = a.getActiveParamsB();
      if (m.excludesInputEmbeddingFromActive()) {
        active -= (double) m.getVocabSize() * m.getHiddenSize() / 1e9; // published convention: no input-embedding lookup
      }
      double total = a.getParamsB();
      if (Math.abs(total / m.getParamsB() - 1) > 0.02) {
        off.add(m.getId() + " total: derived " + total + " vs published " + m.getParamsB());
      }
      if (Math.abs(active / m.getActiveParamsB() - 1) > 0.02) {
        off.add(m.getId() + " active: derived " + active + " vs published " + m.getActiveParamsB());
      }
    }
    assertTrue(off.isEmpty(), String.join("\n", off));
    assertTrue(engine.catalog().models().size() >= 45, "catalog has the 2026 entries");
  }

  @Test
  void kvBytesPerTokenEqualHandComputationsForEachAttentionKind() throws Exception {
    // MHA: Llama-2-7B config (32 layers, 32 KV heads, head dim 128): 2 x 32 x 32 x 128 x 2 B
    assertEquals(2.0 * 32 * 32 * 128 * 2, kvPerToken("llama-2-7b"));
    // GQA: Llama-3.1-70B config (80 layers, 8 KV heads, head dim 128): 327,680 B = 320 KiB (modelling guide section 2)
    assertEquals(327_680.0, kvPerToken("llama-3.1-70b"));
    // MLA: DeepSeek-V3 config (61 layers, kv_lora_rank 512 + qk_rope_head_dim 64): 61 x 576 x 2 B
    assertEquals(61.0 * 576 * 2, kvPerToken("deepseek-v3"));
    // Qwen3-235B-A22B config (94 layers, 4 KV heads, head_dim 128)
    assertEquals(2.0 * 94 * 4 * 128 * 2, kvPerToken("qwen3-235b-a22b"));
    assertEquals("mha", summary("llama-2-7b").getAttentionKind());
    assertEquals("gqa", summary("llama-3.1-70b").getAttentionKind());
    assertEquals("mla", summary("deepseek-v3").getAttentionKind());
    assertEquals("gqa+sliding", summary("mistral-7b").getAttentionKind());
    assertEquals("gqa+hybrid", summary("gpt-oss-120b").getAttentionKind());
  }

  @Test
  void windowedLayersHoldOnlyTheirWindowOfALongContext() throws Exception {
    // Sliding window on every layer: Mistral-7B-v0.1 config (sliding_window 4096): a 20,000-token request holds 4,096 tokens
    SessionResult mistral = engine.evaluate(longContext("mistral-7b", 20_000, 32_768));
    assertEquals(4096.0, mistral.value("", "mean_kv_tokens_per_seq"));
    // Hybrid: gpt-oss-120b config (36 layers alternating sliding 128 / full; 8 KV heads x 64 dims):
    // one 100,000-token sequence = 2 x 8 x 64 x 2 B x (18 x 100,001 + 18 x 128) = 3,691,257,856 bytes
    SessionResult oss = engine.evaluate(longContext("gpt-oss-120b", 100_000, 131_072));
    double perSeq = oss.value("", "mean_kv_tokens_per_seq") * oss.value("", "kv_bytes_per_token");
    assertEquals(2.0 * 8 * 64 * 2 * (18 * 100_001.0 + 18 * 128), perSeq, 1.0);
    // Hybrid 5:1: Gemma-3-27B config (62 layers, 52 local with window 1024, 16 KV heads x 128 dims), 100,000 + 2 tokens
    SessionResult gemma = engine.evaluate(longContext("gemma-3-27b", 100_000, 131_072));
    double gemmaSeq = gemma.value("", "mean_kv_tokens_per_seq") * gemma.value("", "kv_bytes_per_token");
    assertEquals(2.0 * 16 * 128 * 2 * (10 * 100_001.0 + 52 * 1024), gemmaSeq, 1.0);
  }

  @Test
  void fullContextWindowThatDoesNotFitTwoH100sIsInfeasibleWithTheNearestFix() throws Exception {
    PlanRequest r = Engines.request("llama-3.1-70b", "FP16", "H100-80GB", 1, 1000, 200);
    r.getModel().setContextWindow(131_072);
    r.getGpu().setTensorParallel(2);
    SessionResult s = engine.evaluate(r);
    Verdict v = s.verdict("H100-80GB").orElseThrow();
    assertEquals("infeasible", v.getStatus());
    assertTrue(v.getReason().contains("131072-token context window needs 42.95 GB"), v.getReason());
    assertTrue(v.getFix().contains("--context-window") && v.getFix().contains("--kv-cache-precision FP8"), v.getFix());
    // without forcing TP 2 the planner widens the layout until the full window fits
    PlanRequest wide = Engines.request("llama-3.1-70b", "FP16", "H100-80GB", 1, 1000, 200);
    wide.getModel().setContextWindow(131_072);
    SessionResult w = engine.evaluate(wide);
    assertFalse(w.verdict("H100-80GB").map(x -> x.getStatus().equals("infeasible")).orElse(false));
    assertTrue(w.value("H100-80GB", "kv_budget_gb") * 1e9 >= 131_072 * 327_680.0);
  }

  @Test
  void fp8WeightsKeepASixteenBitKvCacheUnlessAsked() throws Exception {
    SessionResult s = engine.evaluate(Engines.request("llama-3.1-70b", "FP8", "H100-80GB", 1, 1000, 200));
    assertEquals(327_680.0, s.value("", "kv_bytes_per_token"));
    PlanRequest fp8 = Engines.request("llama-3.1-70b", "FP8", "H100-80GB", 1, 1000, 200);
    fp8.getModel().setKvCachePrecision("FP8");
    assertEquals(163_840.0, engine.evaluate(fp8).value("", "kv_bytes_per_token"));
  }

  @Test
  void fp4WeightsUseFp4TensorCoresOnB200AndFallBackOnH100() throws Exception {
    SessionResult b200 = engine.evaluate(Engines.request("gpt-oss-120b", "MXFP4", "B200", 1, 1000, 200));
    assertEquals(engine.catalog().gpu("B200").orElseThrow().tflops("fp4"), b200.value("B200", "peak_tflops"));
    assertEquals(0.53125, b200.value("", "bytes_per_weight"));
    SessionResult h100 = engine.evaluate(Engines.request("gpt-oss-120b", "MXFP4", "H100-80GB", 1, 1000, 200));
    assertEquals(engine.catalog().gpu("H100-80GB").orElseThrow().tflops("fp16"), h100.value("H100-80GB", "peak_tflops"));
    assertTrue(h100.findings("H100-80GB", false).stream().anyMatch(f -> f.getMessage().contains("no fp4 tensor cores")),
        "H100 plan says the FP4 weights are computed in 16 bits");
    SessionResult nv = engine.evaluate(Engines.request("llama-3.1-70b", "NVFP4", "B200", 1, 1000, 200));
    assertEquals(0.5625, nv.value("", "bytes_per_weight"));
  }

  @Test
  void moeServingHoldsAllExpertsAndComputesWithTheActiveOnes() throws Exception {
    SessionResult s = engine.evaluate(Engines.request("qwen3-235b-a22b", "FP8", "H100-80GB", 1, 1000, 200));
    // weights hold all 235B parameters (embeddings at 16 bits)
    assertTrue(s.value("", "weights_gb") > 235, "all experts in memory: " + s.value("", "weights_gb"));
    assertTrue(s.value("H100-80GB", "gpus_per_replica") >= 4);
    String step = s.quantity("H100-80GB", "decode_step_ms").orElseThrow().getFormula();
    assertTrue(step.contains("expert all-to-all"), step);
  }

  @Test
  void sizeAloneIsEstimatedFromACurrentDenseGqaFamily() throws Exception {
    PlanRequest r = Engines.request(null, "FP16", "H100-80GB", 1, 1000, 200);
    r.getModel().setModelSizeBillions(30.0);
    SessionResult s = engine.evaluate(r);
    assertEquals("qwen2.5-32b~30b", s.model().orElseThrow().getId()); // nearest of Qwen2.5-32B (32.5B) and Qwen3-32B (32.8B)
    assertEquals(262_144.0, s.value("", "kv_bytes_per_token"));
    PlanRequest moe = Engines.request(null, "FP16", "H100-80GB", 1, 1000, 200);
    moe.getModel().setModelSizeBillions(235.0);
    moe.getModel().setActiveParamsBillions(22.0);
    SessionResult m = engine.evaluate(moe);
    assertEquals("qwen3-235b-a22b~235b", m.model().orElseThrow().getId());
    assertEquals(22.0, m.model().orElseThrow().getActiveParamsB());
  }

  private static PlanRequest longContext(String model, int in, int window) {
    PlanRequest r = Engines.request(model, "FP16", "H100-80GB", 0.1, in, 2);
    r.getModel().setContextWindow(window);
    return r;
  }

  private double kvPerToken(String id) throws Exception {
    return summary(id).getKvBytesPerToken16();
  }

  private ArchitectureSummary summary(String id) throws Exception {
    return new ArchitectureFacts(engine).summarize(engine.catalog().model(id).orElseThrow());
  }
}
