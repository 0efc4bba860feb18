package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.model.PlanRequest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The engine's per-iteration token budget (max_num_batched_tokens) moves the latency tail and is traced as given. */
class TokenBudgetTest {
  private static final String GPU = "H100-80GB";

  private static PlanRequest request(double rps, int in, Integer budget) {
    PlanRequest r = Engines.request("llama-3.1-8b", "FP8", GPU, rps, in, 150);
    r.getWorkload().setReplicas(1);
    r.getWorkload().setMaxNumBatchedTokens(budget);
    return r;
  }

  @Test
  void aSmallerBudgetRaisesTheTtftTailOfLongPrompts() throws Exception {
    Random rnd = new Random(14);
    for (int i = 0; i < 5; i++) {
      int in = 2000 + rnd.nextInt(6000);
      double rps = 0.5 + rnd.nextDouble() * 2;
      String what = in + " tokens at " + String.format(java.util.Locale.ROOT, "%.2f", rps) + " req/s";
      double previous = Double.POSITIVE_INFINITY;
      for (int budget : new int[] {512, 2048, 8192, 32768}) {
        SessionResult s = Engines.shared().evaluate(request(rps, in, budget));
        assertThat(s.value("", "chunk_token_budget")).isEqualTo((double) budget);
        double p99 = s.value(GPU, "ttft_p99_ms");
        assertThat(p99).as(what + ", budget " + budget).isFinite().isLessThanOrEqualTo(previous);
        previous = p99;
      }
      double small = Engines.shared().evaluate(request(rps, in, 512)).value(GPU, "ttft_p99_ms");
      double large = Engines.shared().evaluate(request(rps, in, 8192)).value(GPU, "ttft_p99_ms");
      assertThat(small).as(what + ": budget 512 vs 8192").isGreaterThan(1.1 * large);
    }
  }

  @Test
  void theTraceSaysWhetherTheBudgetWasGivenOrAssumed() throws Exception {
    SessionResult given = Engines.shared().evaluate(request(1, 4000, 1024));
    TraceEntry g = given.trace().stream().filter(t -> t.getConclusion().contains("chunk_token_budget")).findFirst().orElseThrow();
    assertThat(g.getRule()).isEqualTo("Chunked-prefill token budget per iteration: the workload's stated budget");
    assertThat(g.getFormula()).contains("1024").contains("given");
    assertThat(g.getAssumptions()).noneMatch(x -> x.startsWith("max_num_batched_tokens"));
    SessionResult assumed = Engines.shared().evaluate(request(1, 4000, null));
    assertThat(assumed.value("", "chunk_token_budget")).isEqualTo(8192.0);
    TraceEntry a = assumed.trace().stream().filter(t -> t.getConclusion().contains("chunk_token_budget")).findFirst().orElseThrow();
    assertThat(a.getRule()).isEqualTo("Chunked-prefill token budget per iteration: the engine default");
    assertThat(a.getFormula()).contains("assumption max_num_batched_tokens");
    assertThat(a.getAssumptions()).anyMatch(x -> x.startsWith("max_num_batched_tokens = 8192"));
  }
}
