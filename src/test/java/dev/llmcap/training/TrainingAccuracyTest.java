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
   * (Llama 3 405B, Nemotron-4 340B) within 10% median. GPU-hour totals (21 dense rows) measured 2026-12-06: 22.6% median
   * over all, 12.7% over the 12 whole-run totals (model cards, BLOOM, MPT-7B, Falcon, StarCoderBase, SmolLM3; 16.0% over
   * the 11 held out from train.production_efficiency) and 26.4% over the 9 totals computed from a logged rate (Pythia,
   * LLaMA-65B), which stay short: above the 15% goal, guarded here with a little headroom (see docs/accuracy.md).
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
    assertTrue(dense.get("tokens_per_s_per_gpu") <= 10.0, "tokens/s per GPU dense median " + dense);
    assertTrue(dense.get("mfu") <= 10.0, "MFU dense median " + dense);
    assertTrue(dense.get("gpu_hours") <= 24.0, "GPU-hours dense median " + dense);
    assertTrue(dense.get("gpu_hours (dense, whole run)") <= 14.0, "GPU-hours whole-run median " + dense);
    assertTrue(dense.get("gpu_hours (dense, whole run, held out)") <= 17.0, "GPU-hours whole-run held-out median " + dense);
    assertTrue(dense.get("gpu_hours (dense, steady-state hours)") <= 28.0, "GPU-hours steady-state median " + dense);
  }
}
