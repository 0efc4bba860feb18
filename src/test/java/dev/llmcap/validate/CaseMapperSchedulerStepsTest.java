package dev.llmcap.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.Workspace;
import dev.llmcap.model.LLMWorkloadInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** validate passes a server row's multi-step scheduling ("scheduler steps N" in batch_or_concurrency) to the plan. */
class CaseMapperSchedulerStepsTest {
  private static LLMWorkloadInput workload(CaseMapper mapper, List<Measurement> rows, String id) {
    return mapper.map(rows.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow()).benchmarkCase().request().getWorkload();
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
