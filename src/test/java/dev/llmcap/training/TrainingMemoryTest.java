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
 * LoRA/QLoRA memory of Llama-2-7B against torchtune's published figures (src/test/resources/calibration/
 * memory-lora.csv, rows MEM003-MEM004 and MEM026-MEM030, see its README): the peak reserved while training (compared
 * with memory per GPU, the larger of a training step and the model load) and the peak right after model
 * initialisation (compared with the model-load peak). torchtune recipe: batch 2, activation checkpointing on, AdamW,
 * bf16, Alpaca (padded sequences of a few hundred tokens; 512 is used here). torchtune reports GB = 1e9 bytes from
 * torch.cuda.max_memory_allocated()/max_memory_reserved().
 *
 * <p>The QLoRA rows are in-sample for one assumption: train.nf4_fragmented_bytes_per_element (32) was fitted to MEM004.
 * Without it the QLoRA model-load peak is 6.98 GB (-24% against MEM004); the NF4 bytes per parameter (QLoRA paper) and
 * the 68 bytes per element of torchao's whole-tensor quantisation (pytorch/ao PR #315) come from elsewhere.
 */
class TrainingMemoryTest {
  /** What the measurement is compared with: memory per GPU (peak over the run) or the model-load peak. */
  private enum Compared { PEAK, LOAD }

  private record Case(String id, String targets, int rank, String method, String quantised, Compared compared, double measuredGb,
      String phase) {}

  private static final List<Case> CASES = List.of(
      // github.com/pytorch/torchtune docs/source/tutorials/qlora_finetune.rst (2024): LoRA (q,v; rank 8) peak memory
      // allocated after model init 13.96 GB (reserved 13.98): 16-bit weights load without GPU temporaries.
      new Case("MEM003", "q,v", 8, "lora", null, Compared.LOAD, 13.96, "training step"),
      // same tutorial: QLoRA (llama2/7B_qlora_single_device: LoRA and NF4 on q,k,v,output_proj and the MLP, not the head;
      // rank 8) peak memory reserved after model init 9.13 GB.
      new Case("MEM004", "q,k,v,o,gate,up,down", 8, "qlora", "q,k,v,o,gate,up,down", Compared.LOAD, 9.13, "model load"),
      // docs/source/tutorials/lora_finetune.rst (2024): peak memory of LoRA training.
      new Case("MEM026", "q,v", 8, "lora", null, Compared.PEAK, 15.57, "training step"),
      new Case("MEM027", "q,k,v,o,gate,up,down", 8, "lora", null, Compared.PEAK, 15.87, "training step"),
      new Case("MEM028", "q,v", 64, "lora", null, Compared.PEAK, 15.86, "training step"),
      new Case("MEM029", "q,k,v,o,gate,up,down", 64, "lora", null, Compared.PEAK, 17.04, "training step"),
      // qlora_finetune.rst: peak memory reserved during QLoRA training 9.29 GB, only 0.16 GB above the 9.13 GB reserved at
      // init (LoRA grows from 13.98 to 15.57 GB): the load sets nearly all of the QLoRA peak.
      new Case("MEM030", "q,k,v,o,gate,up,down", 8, "qlora", "q,k,v,o,gate,up,down", Compared.PEAK, 9.29, "model load"));

  @Test
  void loraAndQloraMemoryWithinTwentyPercent() throws Exception {
    List<String> failures = new ArrayList<>();
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-7s %-6s %-22s %4s %-5s %9s %9s %8s  %s%n", "id", "method",
        "targets", "rank", "vs", "measured", "predicted", "error", "peak set by"));
    for (Case c : CASES) {
      // The QLoRA rows ran torchtune's 2024 stack (torchao before 0.2, whole-tensor NF4 quantisation): its load-transient
      // constants are set explicitly, so the rows keep testing that stack whatever the defaults say.
      Map<String, String> set = c.quantised() == null ? Map.of("train.lora_target_modules", c.targets())
          : Map.of("train.lora_target_modules", c.targets(), "train.qlora_quantized_modules", c.quantised(),
              "train.nf4_quantize_temp_bytes_per_element", "68", "train.nf4_fragmented_bytes_per_element", "32");
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
      double predicted = c.compared() == Compared.PEAK ? p.gpuResources().gpuMemoryPerGpuGb() : p.gpuResources().loadPeakMemoryPerGpuGb();
      String phase = p.gpuResources().peakMemoryPhase();
      double err = (predicted / c.measuredGb() - 1) * 100;
      table.append(String.format(Locale.ROOT, "%-7s %-6s %-22s %4d %-5s %9.2f %9.2f %+7.1f%%  %s%n", c.id(), c.method(), c.targets(),
          c.rank(), c.compared().name().toLowerCase(Locale.ROOT), c.measuredGb(), predicted, err, phase));
      if (Math.abs(err) > 20) {
        failures.add(c.id() + " " + String.format(Locale.ROOT, "%+.1f%%", err));
      }
      if (!c.phase().equals(phase)) {
        failures.add(c.id() + " peak set by " + phase + ", expected " + c.phase());
      }
    }
    System.out.print(table);
    assertTrue(failures.isEmpty(), "outside 20% or wrong peak phase: " + failures);
  }
}
