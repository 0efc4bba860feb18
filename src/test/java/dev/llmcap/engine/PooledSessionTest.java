package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.batch.ConfigGenerator;
import dev.llmcap.config.ConfigLoader;
import dev.llmcap.export.PlanJson;
import dev.llmcap.model.PlanRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sessions come from a pool and are reset between plans: a plan must not depend on what the session planned before.
 * Each plan is compared with the same plan made by a brand-new engine (whose pool holds no used session).
 */
class PooledSessionTest {
  @Test
  void aPlanIsTheSameWhateverTheReusedSessionPlannedBefore() throws Exception {
    ConfigGenerator gen = new ConfigGenerator(11, true);
    List<PlanRequest> requests = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      requests.add(new ConfigLoader().load(gen.next(), "generated " + i).toRequest());
    }
    LLMForecastEngine shared = new LLMForecastEngine();
    List<String> inOrder = new ArrayList<>();
    for (PlanRequest r : requests) {
      inOrder.add(PlanJson.write(shared.plan(r, Map.of(), true)));
    }
    for (int i = requests.size() - 1; i >= 0; i--) {
      String again = PlanJson.write(shared.plan(requests.get(i), Map.of(), true));
      String fresh = PlanJson.write(new LLMForecastEngine().plan(requests.get(i), Map.of(), true));
      assertThat(again).as("plan %d after other plans on the pooled sessions", i).isEqualTo(inOrder.get(i)).isEqualTo(fresh);
    }
  }
}
