package dev.llmcap.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.Workspace;
import dev.llmcap.model.LLMWorkloadInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * validate passes the engine settings a server row states in batch_or_concurrency to the plan: the per-iteration token
 * budget ("max tokens N") and multi-step scheduling ("scheduler steps N").
 */
class CaseMapperEngineSettingsTest {
  private static List<Measurement> rows;
  private static CaseMapper mapper;

  @BeforeAll
  static void readRowsAndCatalog() throws Exception {
    rows = MeasurementReader.read(Path.of("src/test/resources/calibration/inference.csv"));
    mapper = new CaseMapper(new LLMForecastEngine(Workspace.under(Path.of(".")), Map.of()).catalog());
  }

  private static Measurement row(String id) {
    return rows.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
  }

  private static LLMWorkloadInput workload(String id) {
    return mapper.map(row(id)).benchmarkCase().request().getWorkload();
  }

  @Test
  void serverRowsCarryTheBudgetTheirNotesStateAndOthersLeaveItToTheAssumption() throws Exception {
    // Red Hat vLLM 0.10.0: --max-num-seqs 512 --max-num-batched-tokens 1024
    LLMWorkloadInput redHat = workload("INF1720");
    assertThat(redHat.getMaxNumBatchedTokens()).isEqualTo(1024);
    assertThat(redHat.getMaxNumSeqs()).isEqualTo(512);
    // the two H200 TensorRT-LLM Llama-3.1-8B configs: max_num_tokens 1536 vs 12000
    assertThat(workload("INF1729").getMaxNumBatchedTokens()).isEqualTo(1536);
    assertThat(workload("INF1730").getMaxNumBatchedTokens()).isEqualTo(12000);
    assertThat(workload("INF1726").getMaxNumBatchedTokens()).isEqualTo(2560);
    // MLPerf v4.1 TensorRT-LLM engines (closed/<submitter>/configs/*/__init__.py): Llama-2-70B built at max_num_tokens
    // 4096, Mixtral-8x7B at 16384, except the H200 Mixtral Server class (8192)
    assertThat(workload("INF1401").getMaxNumBatchedTokens()).isEqualTo(4096);
    assertThat(workload("INF1426").getMaxNumBatchedTokens()).isEqualTo(16384);
    assertThat(workload("INF1430").getMaxNumBatchedTokens()).isEqualTo(8192);
    // AMD's v5.1 vLLM harness: max_num_batched_tokens 40960 (Llama-2-70B) / 32000 (Mixtral-8x7B)
    assertThat(workload("INF1703").getMaxNumBatchedTokens()).isEqualTo(40960);
    assertThat(workload("INF1708").getMaxNumBatchedTokens()).isEqualTo(32000);
    // rows whose configs state no budget (Cisco's multi-node v5.1, Red Hat's L40S, vLLM 0.4.3) keep the assumption
    assertThat(workload("INF1443").getMaxNumBatchedTokens()).isNull();
    assertThat(workload("INF1721").getMaxNumBatchedTokens()).isNull();
    assertThat(workload("INF1722").getMaxNumBatchedTokens()).isNull();
  }

  @Test
  void partnerSystemClassesOverrideTheReferenceBatchAndTensorParallelism() throws Exception {
    // closed/ASUSTeK/configs/llama2-70b/Server/custom.py: ESC4000A_E12_4XH100 640, ESC8000A_E12_H100X8 896
    assertThat(workload("INF1401").getMaxNumSeqs()).isEqualTo(640);
    assertThat(workload("INF1402").getMaxNumSeqs()).isEqualTo(896);
    // closed/HPE/configs/llama2-70b/Server/custom.py: HPE_PROLIANT_DL380A_H100_NVL_94GBX4 1024
    assertThat(workload("INF1419").getMaxNumSeqs()).isEqualTo(1024);
    // closed/Lenovo/configs/llama2-70b/Server/__init__.py: SR675_V3_8XH100_NVL runs tensor_parallelism 1 (8 replicas)
    assertThat(row("INF1424").tp()).isEqualTo(1);
    assertThat(workload("INF1424").getRequestsPerSecond()).isCloseTo(44.82 / 8, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void serverRowsCarryTheSchedulerStepsTheirConfigsStateAndOthersLeaveItToTheAssumption() throws Exception {
    // AMD's MLPerf v5.1 harness configs: Llama-2-70B 9 steps; Mixtral-8x7B 8 on MI300X, 10 on MI325X, 7 in Vultr's
    assertThat(workload("INF1701").getNumSchedulerSteps()).isEqualTo(9);
    assertThat(workload("INF1701").getMaxNumSeqs()).isEqualTo(650);
    assertThat(workload("INF1702").getNumSchedulerSteps()).isEqualTo(8);
    assertThat(workload("INF1704").getNumSchedulerSteps()).isEqualTo(10);
    assertThat(workload("INF1714").getNumSchedulerSteps()).isEqualTo(7);
    // the vLLM 0.6.0 rate sweep ran --num-scheduler-steps 10
    assertThat(workload("INF1602").getNumSchedulerSteps()).isEqualTo(10);
    // vLLM 0.4.3 (MLPerf v4.1) had no multi-step scheduling; TensorRT-LLM schedules every iteration
    assertThat(workload("INF1722").getNumSchedulerSteps()).isNull();
    assertThat(workload("INF1401").getNumSchedulerSteps()).isNull();
  }
}
