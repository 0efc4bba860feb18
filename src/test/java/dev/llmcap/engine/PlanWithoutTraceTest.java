package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.batch.ConfigGenerator;
import dev.llmcap.config.ConfigLoader;
import dev.llmcap.export.PlanJson;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.PlanRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batch plans skip the audit trace; apart from the trace itself the plan must be the same. */
class PlanWithoutTraceTest {
  @Test
  void planWithoutTraceEqualsPlanWithTraceMinusTheTrace() throws Exception {
    LLMForecastEngine engine = new LLMForecastEngine();
    ConfigGenerator gen = new ConfigGenerator(7, true);
    for (int i = 0; i < 3; i++) {
      PlanRequest request = new ConfigLoader().load(gen.next(), "generated " + i).toRequest();
      LLMCapacityPlan with = engine.plan(request, Map.of(), true);
      LLMCapacityPlan without = engine.plan(request, Map.of(), false);
      assertThat(with.trace()).isNotEmpty();
      assertThat(without.trace()).isNull();
      LLMCapacityPlan stripped = new LLMCapacityPlan(with.mode(), with.verdict(), with.headline(), with.workloadInput(),
          with.modelConfig(), with.gpuConfig(), with.service(), with.model(), with.gpuResources(), with.throughput(), with.storage(),
          with.network(), with.scaling(), with.cost(), with.findings(), with.gpuOptions(), with.assumptions(), with.rules(), null,
          with.latencyVsLoad());
      assertThat(PlanJson.write(without)).isEqualTo(PlanJson.write(stripped));
    }
  }
}
