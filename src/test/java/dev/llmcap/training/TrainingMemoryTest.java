package dev.llmcap.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.Workspace;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.TrainingCapacityPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LoRA/QLoRA peak memory of Llama-2-7B against torchtune's published figures (src/test/resources/calibration/
 * memory-lora.csv, rows MEM026-MEM030, see its README). torchtune recipe: batch 2, activation checkpointing on, AdamW,
 * bf16, Alpaca (padded sequences of a few hundred tokens; 512 is used here).
 */
class TrainingMemoryTest {
  private record Case(String id, String targets, int rank, String method, String quantised, double measuredGb) {}

  private static final List<Case> CASES = List.of(
      new Case("MEM026", "q,v", 8, "lora", null, 15.57),
      new Case("MEM027", "q,k,v,o,gate,up,down", 8, "lora", null, 15.87),
      new Case("MEM028", "q,v", 64, "lora", null, 15.86),
      new Case("MEM029", "q,k,v,o,gate,up,down", 64, "lora", null, 17.04),
      new Case("MEM030", "q,k,v,o,gate,up,down", 8, "qlora", "q,k,v,o,gate,up,down", 9.29));

  @Test
  void loraPeakMemoryWithinTwentyPercent() throws Exception {
    List<String> failures = new ArrayList<>();
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-7s %-6s %-22s %4s %9s %9s %8s%n", "id", "method", "targets", "rank",
        "measured", "predicted", "error"));
    for (Case c : CASES) {
      Map<String, String> set = c.quantised() == null ? Map.of("train.lora_target_modules", c.targets())
          : Map.of("train.lora_target_modules", c.targets(), "train.qlora_quantized_modules", c.quantised());
      LLMForecastEngine engine = new LLMForecastEngine(Workspace.fromEnvironment(), set);
      PlanRequest r = TrainingFixtures.request("llama-2-7b", "A100-80GB", 10_000_000L, 512, 1, 2);
      r.getTraining().setMicroBatchSize(2);
      r.getTraining().setNumGpus(1);
      r.getTraining().setGradientCheckpointing(true);
      r.getTraining().setTrainingPrecision("BF16");
      r.getTraining().setOptimizerType("AdamW");
      r.getTraining().setMethod(c.method());
      r.getTraining().setLoraRank(c.rank());
      TrainingCapacityPlan p = engine.planTraining(r, Map.of(), false);
      double predicted = p.gpuResources().gpuMemoryPerGpuGb();
      double err = (predicted / c.measuredGb() - 1) * 100;
      table.append(String.format(Locale.ROOT, "%-7s %-6s %-22s %4d %9.2f %9.2f %+7.1f%%%n", c.id(), c.method(), c.targets(), c.rank(),
          c.measuredGb(), predicted, err));
      if ("qlora".equals(c.method())) {
        // torchtune's QLoRA peak is set at model initialisation (9.13 GB reserved at init vs 9.29 GB in training, while LoRA
        // grows from 13.98 to 15.57 GB): a load-time transient the steady-state model does not include. Known miss,
        // reported; the steady-state estimate must stay below the measured peak and within 40% of it.
        if (predicted > c.measuredGb() || Math.abs(err) > 40) {
          failures.add(c.id() + " " + String.format(Locale.ROOT, "%+.1f%%", err));
        }
      } else if (Math.abs(err) > 20) {
        failures.add(c.id() + " " + String.format(Locale.ROOT, "%+.1f%%", err));
      }
    }
    System.out.print(table);
    assertTrue(failures.isEmpty(), "outside 20%: " + failures);
  }
}
