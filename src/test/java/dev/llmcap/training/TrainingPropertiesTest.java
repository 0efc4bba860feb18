package dev.llmcap.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.TrainingCapacityPlan;
import org.junit.jupiter.api.Test;

/** Properties every training plan must have, over a spread of models, GPUs and cluster sizes. */
class TrainingPropertiesTest {
  private static final String[][] CASES = {
      {"llama-3.1-8b", "H100-80GB", "4096"}, {"llama-2-13b", "A100-80GB", "2048"}, {"llama-3.1-70b", "H100-80GB", "8192"},
      {"mistral-7b", "A100-40GB", "4096"}, {"mpt-30b", "H200", "2048"}};

  @Test
  void checkpointingNeverIncreasesMemory() throws Exception {
    for (String[] c : CASES) {
      for (boolean ckpt : new boolean[] {false, true}) {
        PlanRequest r = TrainingFixtures.request(c[0], c[1], 1_000_000_000L, Integer.parseInt(c[2]), 1, 256);
        r.getTraining().setGradientCheckpointing(ckpt);
        TrainingCapacityPlan p = TrainingFixtures.plan(r);
        var g = p.gpuResources();
        assertTrue(g.activationsWithCheckpointingGb() <= g.activationsWithoutCheckpointingGb(), c[0] + " activations");
        assertTrue(g.checkpointingSavingGb() >= 0, c[0] + " saving");
        if (g.memoryPerGpuWithCheckpointingGb() != null) {
          assertTrue(g.memoryPerGpuWithCheckpointingGb() <= g.memoryPerGpuWithoutCheckpointingGb(), c[0] + " per-GPU memory");
        }
      }
      PlanRequest off = TrainingFixtures.request(c[0], c[1], 1_000_000_000L, Integer.parseInt(c[2]), 1, 256);
      off.getTraining().setGradientCheckpointing(false);
      PlanRequest on = TrainingFixtures.request(c[0], c[1], 1_000_000_000L, Integer.parseInt(c[2]), 1, 256);
      on.getTraining().setGradientCheckpointing(true);
      Integer fitOff = TrainingFixtures.plan(off).gpuResources().minGpusToFit();
      Integer fitOn = TrainingFixtures.plan(on).gpuResources().minGpusToFit();
      assertNotNull(fitOn, c[0]);
      assertTrue(fitOff == null || fitOn <= fitOff, c[0] + ": checkpointing must not need more GPUs (" + fitOn + " vs " + fitOff + ")");
    }
  }

  @Test
  void moreGpusNeverLengthenTheRun() throws Exception {
    for (String[] c : CASES) {
      double previous = Double.MAX_VALUE;
      for (int n : new int[] {8, 16, 32, 64, 128, 256}) {
        PlanRequest r = TrainingFixtures.request(c[0], c[1], 10_000_000_000L, Integer.parseInt(c[2]), 1, 512);
        r.getTraining().setGradientCheckpointing(true);
        r.getTraining().setNumGpus(n);
        TrainingCapacityPlan p = TrainingFixtures.plan(r);
        Double hours = p.trainingMetrics().estimatedDurationHours();
        if (hours == null) {
          continue; // does not fit that many GPUs
        }
        assertTrue(hours <= previous + 1e-9, c[0] + " on " + n + " GPUs: " + hours + " h > " + previous + " h");
        previous = hours;
      }
    }
  }

  @Test
  void zero3MemoryPerGpuFallsAsGpusGrow() throws Exception {
    double previous = Double.MAX_VALUE;
    int checked = 0;
    for (int n : new int[] {32, 64, 128, 256, 512}) {
      PlanRequest r = TrainingFixtures.request("llama-3.1-70b", "H100-80GB", 10_000_000_000L, 4096, 1, 1024);
      r.getTraining().setGradientCheckpointing(true);
      r.getTraining().setNumGpus(n);
      TrainingCapacityPlan p = TrainingFixtures.plan(r);
      var g = p.gpuResources();
      assertEquals(3, g.zeroStage(), "70B full training needs ZeRO-3 on " + n + " H100");
      assertEquals(1, g.tensorParallel());
      assertTrue(g.gpuMemoryPerGpuGb() < previous, n + " GPUs: " + g.gpuMemoryPerGpuGb() + " GB >= " + previous + " GB");
      previous = g.gpuMemoryPerGpuGb();
      checked++;
    }
    assertEquals(5, checked);
  }

  @Test
  void batchArithmeticIsConsistent() throws Exception {
    for (String[] c : CASES) {
      for (int n : new int[] {8, 24, 64}) {
        PlanRequest r = TrainingFixtures.request(c[0], c[1], 1_000_000_000L, Integer.parseInt(c[2]), 1, 192);
        r.getTraining().setGradientCheckpointing(true);
        r.getTraining().setNumGpus(n);
        r.getTraining().setGradientAccumulationSteps(7);
        var d = TrainingFixtures.plan(r).dataParallelConfig();
        if (d.dataParallelSize() == null) {
          continue;
        }
        assertEquals((long) d.effectiveBatchSize(), (long) d.microBatchSize() * d.gradientAccumulationSteps() * d.dataParallelSize(), c[0]);
        assertTrue(d.batchAdjustment() != null, c[0] + ": accumulation 7 never matches 192 sequences, the plan must say what it changed");
      }
    }
  }

  @Test
  void deadlineSizingMeetsTheDeadlineInExpectedWallClockWithTheFewestNodes() throws Exception {
    Object[][] runs = {{"llama-3.1-8b", "H100-80GB", 2_000_000_000L, 4096, 64}, {"llama-2-13b", "A100-80GB", 20_000_000_000L, 4096, 512},
        {"llama-3.1-70b", "H100-80GB", 50_000_000_000L, 8192, 1024}};
    int sized = 0;
    int idealWouldHaveMissed = 0;
    for (Object[] c : runs) {
      for (double target : new double[] {0.25, 0.5, 1, 2, 4, 8}) {
        PlanRequest r = TrainingFixtures.request((String) c[0], (String) c[1], (Long) c[2], (Integer) c[3], 1, (Integer) c[4]);
        r.getTraining().setGradientCheckpointing(true);
        r.getTraining().setTargetDays(target);
        TrainingCapacityPlan p = TrainingFixtures.plan(r);
        String what = c[0] + " on " + c[1] + " within " + target + " days";
        assertTrue(!"sla_miss".equals(p.verdict()), what + ": a plan sized for the deadline must not miss it");
        if (!"ok".equals(p.verdict())) {
          continue; // infeasible: the global batch limits data parallelism
        }
        sized++;
        var g = p.goodput();
        assertTrue(g.expectedDurationDays() <= target, what + ": expected " + g.expectedDurationDays() + " days");
        assertTrue(g.expectedDurationDays() > g.idealDurationDays(), what + ": expected days include the losses");
        int n = p.gpuResources().requiredGpus();
        int perNode = p.gpuResources().gpusPerNode();
        // below 64 nodes every node count is a candidate: one node fewer must miss the deadline or change the global batch
        if (n > perNode && n <= 64 * perNode) {
          PlanRequest smaller = TrainingFixtures.request((String) c[0], (String) c[1], (Long) c[2], (Integer) c[3], 1, (Integer) c[4]);
          smaller.getTraining().setGradientCheckpointing(true);
          smaller.getTraining().setTargetDays(target);
          smaller.getTraining().setNumGpus(n - perNode);
          TrainingCapacityPlan q = TrainingFixtures.plan(smaller);
          boolean keepsBatch = q.dataParallelConfig().effectiveBatchSize() != null && q.dataParallelConfig().effectiveBatchSize().intValue() == (Integer) c[4];
          assertTrue(!"ok".equals(q.verdict()) || !keepsBatch, what + ": " + (n - perNode) + " GPUs would also do, yet " + n + " were planned");
          if (keepsBatch && "sla_miss".equals(q.verdict()) && q.goodput().idealDurationDays() <= target) {
            idealWouldHaveMissed++;
          }
        }
      }
    }
    assertTrue(sized >= 12, "most deadlines are met by some cluster: " + sized);
    assertTrue(idealWouldHaveMissed >= 1, "a cluster the steady-state rate would have accepted is rejected on expected wall clock in at least one case");
  }
}
