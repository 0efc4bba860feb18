package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.batch.ConfigGenerator;
import dev.llmcap.config.ConfigLoader;
import dev.llmcap.config.InputPreparer;
import dev.llmcap.config.PreparedRequest;
import dev.llmcap.export.PlanJson;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.fact.Assumption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;

/**
 * Sessions that keep their assumption facts between plans ({@link AssumptionSessions}) give every plan exactly what a
 * fresh (reset) session gives: the same plan JSON with its audit trace (rule, inputs matched, assumptions used), and
 * without a trace the same conclusions and assumptions used; after a plan the kept session holds its assumptions only.
 */
class AssumptionSessionsTest {
  private final LLMForecastEngine engine = newEngine();

  private static LLMForecastEngine newEngine() {
    try {
      return new LLMForecastEngine();
    } catch (RuleSetException | dev.llmcap.catalog.CatalogException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyInferenceRuleMatchesAPlanFactSoSessionsCanKeepTheirAssumptions() {
    AssumptionSessions kept = engine.rules().assumptionSessions(LLMForecastEngine.INFERENCE_RULES);
    assertThat(AssumptionSessions.rulesWithoutPlanFacts(kept.kieBase())).isEmpty();
    assertThat(kept.usable()).isTrue();
  }

  @Test
  void plansABAInOneKeptSessionEqualFreshSessions() throws Exception {
    ConfigGenerator gen = new ConfigGenerator(29, true);
    List<PreparedRequest> prepared = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      PlanRequest request = new ConfigLoader().load(gen.next(), "generated " + i).toRequest();
      prepared.add(new InputPreparer(engine.catalog(), engine.assumptions()).inference(request, Map.of()));
    }
    // A, B, A, C, B, ... in the kept sessions: each plan after different ones, with and without the trace
    int[] order = {0, 1, 0, 2, 1, 3, 4, 3, 5, 6, 7, 0, 7};
    for (int k = 0; k < order.length; k++) {
      PreparedRequest p = prepared.get(order[k]);
      for (boolean withTrace : new boolean[] {true, false}) {
        String fresh = plan(p, false, withTrace);
        String kept = plan(p, true, withTrace);
        assertThat(kept).as("plan %d (step %d), trace %s, kept session against a fresh one", order[k], k, withTrace)
            .isEqualTo(fresh);
      }
    }
  }

  @Test
  void aKeptSessionIsReusedAndHoldsOnlyItsAssumptionsAfterAPlan() throws Exception {
    AssumptionSessions kept = engine.rules().assumptionSessions(LLMForecastEngine.INFERENCE_RULES);
    ConfigGenerator gen = new ConfigGenerator(31, true);
    PlanRequest request = new ConfigLoader().load(gen.next(), "generated").toRequest();
    PreparedRequest p = new InputPreparer(engine.catalog(), engine.assumptions()).inference(request, Map.of());
    plan(p, true, true);
    KieSession first = kept.take(engine.assumptions());
    assertThat(first.getObjects()).hasSize(engine.assumptions().all().size()).allMatch(o -> o instanceof Assumption);
    kept.giveBack(engine.assumptions(), first);
    plan(p, true, false);
    KieSession again = kept.take(engine.assumptions());
    assertThat(again).as("the same session, kept between plans").isSameAs(first);
    assertThat(again.getObjects()).hasSize(engine.assumptions().all().size());
    kept.giveBack(engine.assumptions(), again);
  }

  private String plan(PreparedRequest p, boolean keep, boolean withTrace) throws Exception {
    PlanRequest r = p.request();
    List<Object> inputs = List.of(r.getWorkload(), r.getModel(), r.getGpu(), r.getService());
    SessionResult result = new PlanSession(engine.rules(), engine.assumptions(), keep)
        .run(inputs, p.gpus(), p.models(), LLMForecastEngine.INFERENCE_RULES, withTrace, withTrace);
    return PlanJson.write(InferencePlanAssembler.assemble(p, result, engine.rules(), withTrace));
  }
}
