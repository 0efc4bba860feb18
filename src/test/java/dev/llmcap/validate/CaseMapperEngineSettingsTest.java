package dev.llmcap.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.Workspace;
import dev.llmcap.model.LLMWorkloadInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * validate passes the engine settings a server row states in batch_or_concurrency to the plan: the per-iteration token
 * budget ("max tokens N") and multi-step scheduling ("scheduler steps N").
 */
class CaseMapperEngineSettingsTest {
  private static LLMWorkloadInput workload(CaseMapper mapper, List<Measurement> rows, String id) {
    return mapper.map(rows.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow()).benchmarkCase().request().getWorkload();
  }

  @Test
  void serverRowsCarryTheBudgetTheirNotesStateAndOthersLeaveItToTheAssumption() throws Exception {
    List<Measurement> rows = MeasurementReader.read(Path.of("src/test/resources/calibration/inference.csv"));
    CaseMapper mapper = new CaseMapper(new LLMForecastEngine(Workspace.under(Path.of(".")), Map.of()).catalog());
    // Red Hat vLLM 0.10.0: --max-num-seqs 512 --max-num-batched-tokens 1024
    LLMWorkloadInput redHat = workload(mapper, rows, "INF1720");
    assertThat(redHat.getMaxNumBatchedTokens()).isEqualTo(1024);
    assertThat(redHat.getMaxNumSeqs()).isEqualTo(512);
    // the two H200 TensorRT-LLM Llama-3.1-8B configs: max_num_tokens 1536 vs 12000
    assertThat(workload(mapper, rows, "INF1729").getMaxNumBatchedTokens()).isEqualTo(1536);
    assertThat(workload(mapper, rows, "INF1730").getMaxNumBatchedTokens()).isEqualTo(12000);
    assertThat(workload(mapper, rows, "INF1726").getMaxNumBatchedTokens()).isEqualTo(2560);
    // an MLPerf v4.1 row whose notes state no budget
    assertThat(workload(mapper, rows, "INF1401").getMaxNumBatchedTokens()).isNull();
  }

  @Test
  void serverRowsCarryTheSchedulerStepsTheirConfigsStateAndOthersLeaveItToTheAssumption() throws Exception {
    List<Measurement> rows = MeasurementReader.read(Path.of("src/test/resources/calibration/inference.csv"));
    CaseMapper mapper = new CaseMapper(new LLMForecastEngine(Workspace.under(Path.of(".")), Map.of()).catalog());
    // AMD's MLPerf v5.1 harness configs: Llama-2-70B 9 steps; Mixtral-8x7B 8 on MI300X, 10 on MI325X, 7 in Vultr's
    assertThat(workload(mapper, rows, "INF1701").getNumSchedulerSteps()).isEqualTo(9);
    assertThat(workload(mapper, rows, "INF1701").getMaxNumSeqs()).isEqualTo(650);
    assertThat(workload(mapper, rows, "INF1702").getNumSchedulerSteps()).isEqualTo(8);
    assertThat(workload(mapper, rows, "INF1704").getNumSchedulerSteps()).isEqualTo(10);
    assertThat(workload(mapper, rows, "INF1714").getNumSchedulerSteps()).isEqualTo(7);
    // the vLLM 0.6.0 rate sweep ran --num-scheduler-steps 10
    assertThat(workload(mapper, rows, "INF1602").getNumSchedulerSteps()).isEqualTo(10);
    // vLLM 0.4.3 (MLPerf v4.1) had no multi-step scheduling; TensorRT-LLM schedules every iteration
    assertThat(workload(mapper, rows, "INF1722").getNumSchedulerSteps()).isNull();
    assertThat(workload(mapper, rows, "INF1401").getNumSchedulerSteps()).isNull();
  }
}
