package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.PlanRequest;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Monotonicity properties every plan must keep, checked over seeded random workloads. */
class PlanPropertiesTest {
  private static final List<String> MODELS = List.of("llama-3.1-8b", "mistral-7b", "llama-2-13b", "mixtral-8x7b", "llama-3.1-70b", "qwen2.5-72b");
  private static final List<String> GPUS = List.of("L4", "A10G", "L40S", "A100-40GB", "A100-80GB", "H100-80GB", "H200", "MI300X");

  private static LLMCapacityPlan plan(PlanRequest r) throws Exception {
    return Engines.shared().plan(r, Map.of(), false);
  }

  @Test
  void moreTrafficNeverNeedsFewerReplicasOrGpus() throws Exception {
    Random rnd = new Random(42);
    for (int i = 0; i < 25; i++) {
      String model = MODELS.get(rnd.nextInt(MODELS.size()));
      String gpu = GPUS.get(rnd.nextInt(GPUS.size()));
      int in = 50 + rnd.nextInt(3000);
      int out = 20 + rnd.nextInt(800);
      double rps = 0.1 + rnd.nextDouble() * 20;
      LLMCapacityPlan low = plan(Engines.request(model, "FP16", gpu, rps, in, out));
      LLMCapacityPlan high = plan(Engines.request(model, "FP16", gpu, rps * (1.5 + rnd.nextDouble() * 4), in, out));
      if (low.gpuResources().maxReplicas() == null) {
        continue; // infeasible on this GPU at any load
      }
      String what = model + " on " + gpu + " " + in + "/" + out;
      assertThat(high.gpuResources().maxReplicas()).as(what).isGreaterThanOrEqualTo(low.gpuResources().maxReplicas());
      assertThat(high.gpuResources().minReplicas()).as(what).isGreaterThanOrEqualTo(low.gpuResources().minReplicas());
      assertThat(high.gpuResources().totalGpus()).as(what).isGreaterThanOrEqualTo(low.gpuResources().totalGpus());
    }
  }

  @Test
  void biggerModelNeverNeedsLessMemory() throws Exception {
    // weights and the fixed runtime reserve grow with size; the KV cache depends on the architecture (MHA vs GQA),
    // so the model's own footprint is what must be monotone
    double previousWeights = 0;
    double previousFootprint = 0;
    for (double size : new double[] {1, 3, 7, 13, 34, 70, 180, 405}) {
      PlanRequest r = Engines.request(null, "FP16", "MI325X", 2, 500, 200);
      r.getModel().setModelName(null);
      r.getModel().setModelSizeBillions(size);
      r.getGpu().setTensorParallel(8);
      LLMCapacityPlan p = plan(r);
      assertThat(p.gpuResources().weightsGb()).as(size + "B weights").isGreaterThan(previousWeights);
      if (p.gpuResources().runtimeGb() != null) {
        double footprint = p.gpuResources().weightsGb() + p.gpuResources().runtimeGb();
        assertThat(footprint).as(size + "B weights + runtime").isGreaterThanOrEqualTo(previousFootprint);
        previousFootprint = footprint;
      }
      previousWeights = p.gpuResources().weightsGb();
    }
  }

  @Test
  void largerGpuNeverNeedsMoreGpusPerReplica() throws Exception {
    // same family and generation, more memory: A100 40 -> 80 GB, H100 80 -> H200 141 GB
    String[][] pairs = {{"A100-40GB", "A100-80GB"}, {"H100-80GB", "H200"}, {"L4", "L40S"}};
    for (String model : MODELS) {
      for (String[] pair : pairs) {
        LLMCapacityPlan small = plan(Engines.request(model, "FP16", pair[0], 5, 1000, 200));
        LLMCapacityPlan large = plan(Engines.request(model, "FP16", pair[1], 5, 1000, 200));
        if (small.gpuResources().minGpusPerReplica() == null) {
          continue;
        }
        assertThat(large.gpuResources().minGpusPerReplica()).as(model + " " + pair[0] + " vs " + pair[1])
            .isLessThanOrEqualTo(small.gpuResources().minGpusPerReplica());
      }
    }
  }

  @Test
  void p99NeverBelowP50AndLatencyRisesWithLoad() throws Exception {
    Random rnd = new Random(7);
    for (int i = 0; i < 20; i++) {
      String model = MODELS.get(rnd.nextInt(MODELS.size()));
      String gpu = GPUS.get(rnd.nextInt(GPUS.size()));
      PlanRequest r = Engines.request(model, "FP16", gpu, 1 + rnd.nextDouble() * 10, 100 + rnd.nextInt(2000), 50 + rnd.nextInt(500));
      r.getGpu().setTargetGpuUtilization(0.2 + rnd.nextDouble() * 0.75);
      LLMCapacityPlan p = plan(r);
      if (p.throughput().ttftP50Ms() == null) {
        continue;
      }
      assertThat(p.throughput().ttftP99Ms()).isGreaterThanOrEqualTo(p.throughput().ttftP50Ms());
      assertThat(p.throughput().itlP99Ms()).isGreaterThanOrEqualTo(p.throughput().estimatedItlMs());
    }
    // queueing: at a fixed replica count, pushing utilisation towards 1 raises P99 TTFT steeply
    double previous = 0;
    for (double util : new double[] {0.3, 0.6, 0.9, 0.99}) {
      PlanRequest r = Engines.request("llama-3.1-8b", "FP16", "A10G", 3, 2000, 100);
      r.getGpu().setTargetGpuUtilization(util);
      r.getModel().setBatchSize(1);
      LLMCapacityPlan p = plan(r);
      assertThat(p.throughput().ttftP99Ms()).as("P99 at utilisation " + util).isGreaterThanOrEqualTo(previous);
      previous = p.throughput().ttftP99Ms();
    }
  }
}
