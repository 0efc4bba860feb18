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
}
