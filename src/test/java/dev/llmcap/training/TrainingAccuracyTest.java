package dev.llmcap.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.TrainingValidation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Scores the training rules against published training throughput (src/test/resources/calibration/training.csv, see its
 * README: Llama 2 model card GPU-hours, MosaicML llm-foundry benchmark tables, NVIDIA NeMo 24.07 performance summary).
 */
class TrainingAccuracyTest {
  @Test
  void tokensPerSecondPerGpuWithinFifteenPercentMedian() throws Exception {
    LLMForecastEngine engine = new LLMForecastEngine();
    TrainingValidation.Report report = TrainingValidation.score(engine, Path.of("src/test/resources/calibration/training.csv"));
    System.out.print(report.table());
    assertTrue(report.scored() >= 30, "most rows should be usable, scored " + report.scored());
    assertTrue(report.medianAbsErrorPct() <= 15.0, "median |error| " + report.medianAbsErrorPct() + "% > 15%");
  }

  /**
   * Dense rows by metric, as docs/accuracy.md reports them: tokens/s per GPU (benchmarks) and MFU at a published layout
   * (Llama 3 405B, Nemotron-4 340B) within 10% median. GPU-hour totals (22 dense rows) measured 2026-12-06 with sequence
   * parallelism as an input (Pythia and BLOOM rows without it, as their frameworks ran), StarCoderBase at its published
   * TP4 PP4 layout and the TinyLlama row added: 17.3% median over all (17.4% over the 21 rows before; p90 40.4 -> 30.5%),
   * 13.7% over the 12 whole-run totals (16.0% over the 11 held out from train.production_efficiency) and 18.0% over the 10
   * totals computed from a logged rate (Pythia, LLaMA-65B, TinyLlama). With the tensor-parallel all-reduces exposed when a
   * run has no sequence parallelism (same day): median unchanged at 17.3%, p90 30.5 -> 28.0%. With the rows' own clusters
   * and gradient-sync timing as inputs (same day; Pythia: GPT-NeoX 2022's DeepSpeed 0.3 ZeRO-1 syncs after the backward
   * pass, on AWS p4d nodes of 8 GPUs and 50 Gb/s per GPU; Falcon on P4d; BLOOM on Jean Zay's 50 Gb/s per GPU): median
   * 17.3 -> 12.8%, the 15% goal, asserted; p90 28.0 -> 32.4% (Falcon-180B +16 -> +51% on its P4d network); whole
   * run 13.7 -> 14.5% (held out 16.0 -> 17.6%); steady-state 18.0 -> 12.8%. The other bounds guard the measured state with
   * a little headroom (see docs/accuracy.md).
   */
  @Test
  void denseMediansPerMetric() throws Exception {
    TrainingValidation.Report report = TrainingValidation.score(new LLMForecastEngine(), Path.of("src/test/resources/calibration/training.csv"));
    java.util.Map<String, Double> dense = new java.util.HashMap<>();
    java.util.Map<String, Double> p90 = new java.util.HashMap<>();
    for (TrainingValidation.Summary s : report.summaries()) {
      if (s.group().startsWith("dense")) {
        dense.put(s.metric() + (s.group().equals("dense") ? "" : " (" + s.group() + ")"), s.medianAbsErrorPct());
        p90.put(s.metric() + (s.group().equals("dense") ? "" : " (" + s.group() + ")"), s.p90AbsErrorPct());
      }
    }
    assertTrue(dense.get("tokens_per_s_per_gpu") <= 6.0, "tokens/s per GPU dense median " + dense);
    assertTrue(dense.get("mfu") <= 10.0, "MFU dense median " + dense);
    assertTrue(dense.get("gpu_hours") <= 13.5, "GPU-hours dense median " + dense + " (the issue's goal: 15%)");
    assertTrue(p90.get("gpu_hours") <= 33.0, "GPU-hours dense p90 " + p90);
    assertTrue(dense.get("gpu_hours (dense, whole run)") <= 15.0, "GPU-hours whole-run median " + dense);
    assertTrue(dense.get("gpu_hours (dense, whole run, held out)") <= 18.0, "GPU-hours whole-run held-out median " + dense);
    assertTrue(dense.get("gpu_hours (dense, steady-state hours)") <= 13.5, "GPU-hours steady-state median " + dense);
  }

  /**
   * Rows whose source says the run had no sequence parallelism (notes sequence_parallel=false: Pythia on GPT-NeoX 2022 at
   * TP2 and TP4, BLOOM on Megatron-DeepSpeed at TP4) are planned with each tensor-parallel rank repeating the residual-stream
   * kernels, and their tensor-parallel all-reduces are exposed (train.tp_overlap applies only with sequence parallelism).
   * Measured 2026-12-06 (held out, nothing fitted): Pythia-6.9B -25.2 -> -20.2 -> -18.6%, Pythia-12B -40.4 -> -30.6 ->
   * -27.4%, BLOOM -32.9 -> -29.3 -> -28.0% (the residual-stream kernels, then the exposed all-reduces); with sequence
   * parallelism assumed they fall back to the old shortfall.
   */
  @Test
  void runsWithoutSequenceParallelismAreSlower() throws Exception {
    TrainingValidation.Report report = TrainingValidation.score(new LLMForecastEngine(), Path.of("src/test/resources/calibration/training.csv"));
    java.util.Map<String, Double> err = new java.util.HashMap<>();
    for (TrainingValidation.Row r : report.rows()) {
      if (r.metric().equals("gpu_hours") && r.errorPct() != null) {
        err.put(r.id(), r.errorPct());
        if (java.util.Set.of("TRN127", "TRN128", "TRN117").contains(r.id())) {
          assertTrue(r.layout().contains(",noSP"), r.id() + " is planned without sequence parallelism: " + r.layout());
        }
      }
    }
    assertTrue(err.get("TRN127") > -9.5 && err.get("TRN127") < 0, "Pythia-6.9B " + err.get("TRN127"));
    assertTrue(err.get("TRN128") > -12.0 && err.get("TRN128") < 0, "Pythia-12B " + err.get("TRN128"));
    assertTrue(err.get("TRN117") > -28.0 && err.get("TRN117") < 0, "BLOOM-176B " + err.get("TRN117"));
  }

  /**
   * Rows whose sources name their cluster carry it (notes gpus_per_node=, scaleout_gbits_per_gpu=) and the Pythia rows
   * their framework's gradient sync after the backward pass (gradient_sync_overlap=false: DeeperSpeed 0.3.15 ZeRO stage 1).
   * Measured 2026-12-06 (held out, nothing fitted): Pythia-12B -27.4 -> -10.9%, Pythia-6.9B -18.6 -> -8.2%, Pythia-1.4B
   * -17.4 -> -12.3%; Falcon-40B -7.7 -> +1.1%; Falcon-180B +16.0 -> +51.0% (1,024 tokens per GPU per step leave its
   * data-parallel sync over 50 Gb/s exposed; see docs/accuracy.md).
   */
  @Test
  void rowsRunOnTheirOwnClusterNetwork() throws Exception {
    TrainingValidation.Report report = TrainingValidation.score(new LLMForecastEngine(), Path.of("src/test/resources/calibration/training.csv"));
    java.util.Map<String, TrainingValidation.Row> rows = new java.util.HashMap<>();
    for (TrainingValidation.Row r : report.rows()) {
      if (r.metric().equals("gpu_hours") && r.errorPct() != null) {
        rows.put(r.id(), r);
      }
    }
    for (String id : java.util.List.of("TRN121", "TRN122", "TRN123", "TRN124", "TRN125", "TRN126", "TRN127", "TRN128")) {
      assertTrue(rows.get(id).layout().endsWith(",syncDP,50Gb,8/node"), id + " " + rows.get(id).layout());
      assertTrue(rows.get(id).errorPct() > -22.0 && rows.get(id).errorPct() < 0, id + " " + rows.get(id).errorPct());
    }
    assertTrue(rows.get("TRN117").layout().endsWith(",noSP,50Gb"), rows.get("TRN117").layout());
    assertTrue(rows.get("TRN130").layout().endsWith(",50Gb,8/node") && Math.abs(rows.get("TRN130").errorPct()) < 5.0, "Falcon-40B " + rows.get("TRN130").errorPct());
    assertTrue(rows.get("TRN119").layout().endsWith(",50Gb,8/node") && rows.get("TRN119").errorPct() < 55.0, "Falcon-180B " + rows.get("TRN119").errorPct());
    // rows whose sources name no cluster keep the assumptions' network and the catalog's node
    assertTrue(!rows.get("TRN001").layout().contains("Gb") && !rows.get("TRN118").layout().contains("/node"), rows.get("TRN001").layout());
  }

  /**
   * The memory-bound element-wise term and the compute efficiencies were fitted on the llm-foundry BF16 tokens/s rows
   * (TRN063-TRN088); the Pythia GPU-hours (TRN121-TRN128, A100-40GB, GPT-NeoX) are held out. Before the term every Pythia
   * row was 20-46% short, smallest models worst (median 31.2%); measured 2026-12-06 after it: 19.9%, and the three smallest
   * (70M, 160M, 410M: 46 / 37 / 36% before) are no longer the worst: the largest miss is the 12B run at TP4.
   */
  @Test
  void pythiaHeldOutShortfallShrinks() throws Exception {
    TrainingValidation.Report report = TrainingValidation.score(new LLMForecastEngine(), Path.of("src/test/resources/calibration/training.csv"));
    java.util.List<Double> pythia = new java.util.ArrayList<>();
    double small = 0;
    for (TrainingValidation.Row r : report.rows()) {
      if (r.metric().equals("gpu_hours") && r.model().startsWith("Pythia") && r.errorPct() != null) {
        pythia.add(Math.abs(r.errorPct()));
        if (r.model().equals("Pythia-70M") || r.model().equals("Pythia-160M") || r.model().equals("Pythia-410M")) {
          small = Math.max(small, Math.abs(r.errorPct()));
        }
      }
    }
    assertTrue(pythia.size() == 8, "8 Pythia rows scored: " + pythia);
    pythia.sort(Double::compare);
    double median = (pythia.get(3) + pythia.get(4)) / 2;
    assertTrue(median <= 13.5, "Pythia GPU-hours median |error| " + median + "% (31.2% without the memory-bound term, 19.9% before sequence parallelism was an input, 18.0% before the runs' own cluster and gradient-sync timing)");
    assertTrue(small <= 25.0, "smallest Pythia models' largest |error| " + small + "% (46.4% without the memory-bound term)");
  }
}
