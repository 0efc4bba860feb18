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
   * (Llama 3 405B, Nemotron-4 340B) within 10% median. GPU-hour totals (21 dense rows) measured 2026-12-06 with the
   * memory-bound element-wise term (before it: 22.6 / 12.7 / 16.0 / 26.4%): 17.4% median over all, 13.7% over the 12
   * whole-run totals (16.0% over the 11 held out from train.production_efficiency) and 18.6% over the 9 totals computed from
   * a logged rate (Pythia, LLaMA-65B). The goal is 15% over all 21; it is not met, so the goal is not asserted:
   * these bounds guard the measured state with a little headroom (see docs/accuracy.md).
   */
  @Test
  void denseMediansPerMetric() throws Exception {
    TrainingValidation.Report report = TrainingValidation.score(new LLMForecastEngine(), Path.of("src/test/resources/calibration/training.csv"));
    java.util.Map<String, Double> dense = new java.util.HashMap<>();
    for (TrainingValidation.Summary s : report.summaries()) {
      if (s.group().startsWith("dense")) {
        dense.put(s.metric() + (s.group().equals("dense") ? "" : " (" + s.group() + ")"), s.medianAbsErrorPct());
      }
    }
    assertTrue(dense.get("tokens_per_s_per_gpu") <= 7.0, "tokens/s per GPU dense median " + dense);
    assertTrue(dense.get("mfu") <= 10.0, "MFU dense median " + dense);
    assertTrue(dense.get("gpu_hours") <= 19.0, "GPU-hours dense median " + dense);
    assertTrue(dense.get("gpu_hours (dense, whole run)") <= 15.0, "GPU-hours whole-run median " + dense);
    assertTrue(dense.get("gpu_hours (dense, whole run, held out)") <= 17.0, "GPU-hours whole-run held-out median " + dense);
    assertTrue(dense.get("gpu_hours (dense, steady-state hours)") <= 20.0, "GPU-hours steady-state median " + dense);
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
    assertTrue(median <= 22.0, "Pythia GPU-hours median |error| " + median + "% (31.2% without the memory-bound term)");
    assertTrue(small <= 25.0, "smallest Pythia models' largest |error| " + small + "% (46.4% without the memory-bound term)");
  }
}
