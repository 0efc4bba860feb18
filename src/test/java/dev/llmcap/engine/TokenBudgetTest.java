package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.fact.Finding;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The engine's per-iteration token budget (max_num_batched_tokens) moves the latency tail and is traced as given. */
class TokenBudgetTest {
  private static final String GPU = "H100-80GB";

  private static PlanRequest request(double rps, int in, Integer budget) {
    return request(rps, in, 150, budget);
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

  private static PlanRequest request(double rps, int in, int out, Integer budget) {
    PlanRequest r = Engines.request("llama-3.1-8b", "FP8", GPU, rps, in, out);
    r.getWorkload().setReplicas(1);
    r.getWorkload().setMaxNumBatchedTokens(budget);
    return r;
  }

  @Test
  void capacityNeverFallsAsTheBudgetGrowsAndTheBudgetBindsOnlyWhenAFullIterationCannotFeedTheBatch() throws Exception {
    Random rnd = new Random(1402);
    for (int i = 0; i < 6; i++) {
      int in = 100 + rnd.nextInt(4000);
      int out = 20 + rnd.nextInt(600);
      String what = in + " prompt / " + out + " completion tokens";
      double previous = 0;
      for (int budget : new int[] {64, 256, 1024, 4096, 16384, 65536}) {
        SessionResult s = Engines.shared().evaluate(request(1, in, out, budget));
        double mu = s.value(GPU, "replica_rps_capacity");
        assertThat(mu).as(what + ", budget " + budget).isPositive().isGreaterThanOrEqualTo(previous * (1 - 1e-9));
        previous = mu;
        // the decode tokens a full iteration holds, budget x out / (in + out), against the batch the replica runs
        double batch = s.value(GPU, "recommended_batch");
        boolean bound = batch > budget * (double) out / (in + out);
        assertThat(s.finding(GPU, "token_budget_bound")).as(what + ", budget " + budget).matches(f -> f.isPresent() == bound);
        if (bound) {
          TraceEntry t = s.trace().stream().filter(e -> e.getConclusion().contains("replica_rps_capacity")).findFirst().orElseThrow();
          assertThat(t.getRule()).isEqualTo("Replica capacity bound by the per-iteration token budget");
        }
      }
    }
  }

  @Test
  void belowSaturationTheTtftTailNeverGrowsWithTheBudget() throws Exception {
    Random rnd = new Random(1403);
    for (int i = 0; i < 5; i++) {
      int in = 200 + rnd.nextInt(3000);
      int out = 50 + rnd.nextInt(400);
      // a load below the capacity of the smallest budget, so every budget is below saturation
      double smallest = Engines.shared().evaluate(request(1, in, out, 512)).value(GPU, "replica_rps_capacity");
      double rps = smallest * (0.2 + 0.6 * rnd.nextDouble());
      String what = in + " / " + out + " tokens at " + String.format(java.util.Locale.ROOT, "%.2f", rps) + " req/s";
      double previous = Double.POSITIVE_INFINITY;
      for (int budget : new int[] {512, 768, 1024, 2048, 4096, 8192, 32768}) {
        double p99 = Engines.shared().evaluate(request(rps, in, out, budget)).value(GPU, "ttft_p99_ms");
        assertThat(p99).as(what + ", budget " + budget).isFinite().isLessThanOrEqualTo(previous * (1 + 1e-9));
        previous = p99;
      }
    }
  }

  @Test
  void aTinyBudgetBoundsTheCapacityWithAFindingAndItsFixInsteadOfAnInfiniteTail() throws Exception {
    // MLPerf v5.1 Red Hat run's workload (871 / 129 tokens) on one H100 at 20 req/s (30 at the default 1.5x peak), which
    // one replica carries at the engine default budget
    double rps = 20;
    SessionResult roomy = Engines.shared().evaluate(request(rps, 871, 129, 8192));
    assertThat(roomy.finding(GPU, "token_budget_bound")).isEmpty();
    assertThat(roomy.value(GPU, "ttft_p99_ms")).isFinite();
    SessionResult tiny = Engines.shared().evaluate(request(rps, 871, 129, 64));
    double mu = tiny.value(GPU, "replica_rps_capacity");
    assertThat(mu).isLessThan(rps).isLessThan(0.5 * roomy.value(GPU, "replica_rps_capacity"));
    assertThat(tiny.value(GPU, "ttft_p99_ms")).isInfinite();
    Finding f = tiny.finding(GPU, "token_budget_bound").orElseThrow();
    assertThat(f.getMessage()).contains("token budget of 64 tokens per iteration");
    assertThat(f.getFix()).contains("max_num_batched_tokens");
    // one replica given: beyond its capacity, so not an OK plan
    assertThat(tiny.verdict(GPU).orElseThrow().getStatus()).isNotEqualTo("ok");
    // replicas left to the planner: enough of them for a finite tail, and the finding stays
    PlanRequest free = Engines.request("llama-3.1-8b", "FP8", GPU, rps, 871, 129);
    free.getWorkload().setMaxNumBatchedTokens(64);
    SessionResult planned = Engines.shared().evaluate(free);
    assertThat(planned.value(GPU, "ttft_p99_ms")).isFinite();
    assertThat(planned.value(GPU, "max_replicas")).isGreaterThan(1.5 * rps / mu * 0.99);
    assertThat(planned.finding(GPU, "token_budget_bound")).isPresent();
  }
}
