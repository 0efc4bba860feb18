package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.batch.ConfigGenerator;
import dev.llmcap.config.ConfigLoader;
import dev.llmcap.config.InputPreparer;
import dev.llmcap.config.PreparedRequest;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.fact.Quantity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A plan made for its key figures (a batch row: no trace, the rules marked @reportDetail not fired) concludes every
 * figure of the full plan, with the same value and formula, except the report-only ones (the latency-vs-load curve).
 */
class KeyFiguresPlanTest {
  @Test
  void skippingReportDetailChangesNoOtherConclusion() throws Exception {
    LLMForecastEngine engine = new LLMForecastEngine();
    ConfigGenerator gen = new ConfigGenerator(19, true);
    int curves = 0;
    for (int i = 0; i < 40; i++) {
      PlanRequest request = new ConfigLoader().load(gen.next(), "generated " + i).toRequest();
      PreparedRequest prepared = new InputPreparer(engine.catalog(), engine.assumptions()).inference(request, Map.of());
      PlanRequest r = prepared.request();
      List<Object> inputs = List.of(r.getWorkload(), r.getModel(), r.getGpu(), r.getService());
      PlanSession session = new PlanSession(engine.rules(), engine.assumptions());
      SessionResult full = session.run(inputs, prepared.gpus(), prepared.models(), LLMForecastEngine.INFERENCE_RULES, false, true);
      SessionResult key = session.run(inputs, prepared.gpus(), prepared.models(), LLMForecastEngine.INFERENCE_RULES, false, false);
      Map<String, String> expected = new TreeMap<>();
      full.quantities().forEach((k, q) -> {
        if (!q.getName().contains("_at_load_")) {
          expected.put(k, describe(q));
        }
      });
      Map<String, String> actual = new TreeMap<>();
      key.quantities().forEach((k, q) -> actual.put(k, describe(q)));
      assertThat(actual).as("config %d", i).isEqualTo(expected);
      for (String scope : full.verdicts().keySet()) {
        assertThat(key.findings(scope, true)).as("config %d, %s", i, scope).hasToString(full.findings(scope, true).toString());
      }
      assertThat(key.findings("", false)).as("config %d", i).hasToString(full.findings("", false).toString());
      assertThat(key.assumptionsUsed()).as("config %d", i).isEqualTo(full.assumptionsUsed());
      assertThat(new TreeMap<>(key.verdicts())).as("config %d", i).hasToString(new TreeMap<>(full.verdicts()).toString());
      if (full.quantities().size() > key.quantities().size()) {
        curves++;
      }
    }
    assertThat(curves).as("configs whose full plan has a latency-vs-load curve").isGreaterThan(10);
  }

  @Test
  void theBatchPathGivesTheSameRowFiguresAsAFullPlan() throws Exception {
    LLMForecastEngine engine = new LLMForecastEngine();
    ConfigGenerator gen = new ConfigGenerator(23, true);
    for (int i = 0; i < 25; i++) {
      PlanRequest request = new ConfigLoader().load(gen.next(), "generated " + i).toRequest();
      var full = engine.plan(request, Map.of(), true);
      var key = engine.planKeyFigures(request);
      assertThat(dev.llmcap.batch.BatchTable.planFields(key)).as("config %d", i).isEqualTo(dev.llmcap.batch.BatchTable.planFields(full));
      assertThat(key.verdict()).isEqualTo(full.verdict());
      assertThat(key.findings()).isEqualTo(full.findings());
    }
  }

  private static String describe(Quantity q) {
    return q.getValue() + " " + q.getUnit() + " = " + q.getFormula();
  }
}
