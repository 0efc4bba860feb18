package dev.llmcap.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.Workspace;
import dev.llmcap.model.LLMWorkloadInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** validate plans a concurrency row from its requests in flight (closed loop, no request rate) and a server row from its rate. */
class CaseMapperClosedLoopTest {
  @Test
  void concurrencyRowsCarryTheirUsersAndNoRateServerRowsTheirRate() throws Exception {
    List<Measurement> rows = MeasurementReader.read(Path.of("src/test/resources/calibration/inference.csv"));
    LLMForecastEngine engine = new LLMForecastEngine(Workspace.under(Path.of(".")), Map.of());
    CaseMapper mapper = new CaseMapper(engine.catalog());
    // NIM Llama-3.3-70B FP8 on 2x H100 (TP2, one replica) at concurrency 50
    LLMWorkloadInput nim = mapper.map(rows.stream().filter(m -> m.id().equals("INF0806")).findFirst().orElseThrow())
        .benchmarkCase().request().getWorkload();
    assertThat(nim.getConcurrency()).isEqualTo(50);
    assertThat(nim.getRequestsPerSecond()).isNull();
    // SGLang sweep point: 4 req/s on one TP4 group, planned open loop at that rate, not at a goodput
    BenchmarkCase sweep = mapper.map(rows.stream().filter(m -> m.id().equals("INF1605")).findFirst().orElseThrow()).benchmarkCase();
    assertThat(sweep.request().getWorkload().getRequestsPerSecond()).isEqualTo(4.0);
    assertThat(sweep.request().getWorkload().getConcurrency()).isNull();
    assertThat(sweep.rateTunedToConstraints()).isFalse();
    BenchmarkCase mlperf = mapper.map(rows.stream().filter(m -> m.id().equals("INF1401")).findFirst().orElseThrow()).benchmarkCase();
    assertThat(mlperf.rateTunedToConstraints()).isTrue();
  }
}
