package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.model.PlanRequest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Multi-step scheduling (num_scheduler_steps, vLLM --num-scheduler-steps): a new prompt is admitted only between blocks of
 * k decode steps, so it waits out the rest of the running block and shares the block's prefill step. The TTFT grows with
 * k by about half a block; the mean time per output token does not change (the same work, batched differently).
 */
class SchedulerStepsTest {
  private static final String GPU = "H100-80GB";

  private static PlanRequest request(double rps, int in, Integer steps) {
    PlanRequest r = Engines.request("llama-3.1-8b", "FP8", GPU, rps, in, 200);
    r.getWorkload().setReplicas(1);
    r.getWorkload().setNumSchedulerSteps(steps);
    return r;
  }

  @Test
  void oneStepIsTheDefaultAndChangesNothing() throws Exception {
    SessionResult dflt = Engines.shared().evaluate(request(8, 800, null));
    SessionResult one = Engines.shared().evaluate(request(8, 800, 1));
    assertThat(dflt.value("", "scheduler_steps")).isEqualTo(1.0);
    for (String q : new String[] {"ttft_p50_ms", "ttft_p99_ms", "itl_p50_ms", "itl_p99_ms", "itl_ms"}) {
      assertThat(one.value(GPU, q)).as(q).isEqualTo(dflt.value(GPU, q));
    }
    TraceEntry a = dflt.trace().stream().filter(t -> t.getConclusion().contains("scheduler_steps")).findFirst().orElseThrow();
    assertThat(a.getRule()).isEqualTo("Scheduler steps per call: the engine default");
    assertThat(a.getAssumptions()).anyMatch(x -> x.startsWith("num_scheduler_steps = 1"));
    TraceEntry g = Engines.shared().evaluate(request(8, 800, 9)).trace().stream()
        .filter(t -> t.getConclusion().contains("scheduler_steps")).findFirst().orElseThrow();
    assertThat(g.getRule()).isEqualTo("Scheduler steps per call: the workload's stated value");
    assertThat(g.getFormula()).contains("9").contains("given");
  }

  @Test
  void theTtftGrowsWithTheStepsByAboutHalfABlockWhileTheMeanItlStays() throws Exception {
    Random rnd = new Random(14);
    for (int i = 0; i < 4; i++) {
      int in = 300 + rnd.nextInt(1500);
      double rps = 2 + rnd.nextDouble() * 10;
      String what = in + " tokens at " + String.format(java.util.Locale.ROOT, "%.2f", rps) + " req/s";
      SessionResult one = Engines.shared().evaluate(request(rps, in, 1));
      double itl = one.value(GPU, "itl_ms");
      double base50 = one.value(GPU, "ttft_p50_ms");
      double base99 = one.value(GPU, "ttft_p99_ms");
      double p50 = base50;
      double p99 = base99;
      for (int k : new int[] {2, 4, 8, 16}) {
        SessionResult s = Engines.shared().evaluate(request(rps, in, k));
        assertThat(s.value("", "scheduler_steps")).isEqualTo((double) k);
        double p50k = s.value(GPU, "ttft_p50_ms");
        double p99k = s.value(GPU, "ttft_p99_ms");
        assertThat(p50k).as(what + ", " + k + " steps: P50").isGreaterThan(p50);
        assertThat(p99k).as(what + ", " + k + " steps: P99").isGreaterThan(p99).isGreaterThanOrEqualTo(p50k);
        // the added wait: half a block of k - 1 more iterations on average (the replica is busy), and at most a whole block
        // plus the block's prefill step at P99
        double added = p50k - base50;
        assertThat(added).as(what + ", " + k + " steps: added P50").isBetween(0.25 * (k - 1) * itl, 1.5 * (k - 1) * itl);
        assertThat(p99k - base99).as(what + ", " + k + " steps: added P99").isLessThan(3.0 * k * itl);
        assertThat(s.value(GPU, "itl_ms")).as(what + ", " + k + " steps: mean ITL").isCloseTo(itl, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(s.value(GPU, "itl_p99_ms")).as(what + ", " + k + " steps: TPOT P99").isGreaterThanOrEqualTo(s.value(GPU, "itl_p50_ms"));
        p50 = p50k;
        p99 = p99k;
      }
    }
  }
}
