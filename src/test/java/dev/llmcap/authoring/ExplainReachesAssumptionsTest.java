package dev.llmcap.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcap.config.ConfigLoader;
import dev.llmcap.config.Json;
import dev.llmcap.engine.FigureExplanation;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.Workspace;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.fact.Assumption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The explanation of gpu_resources.min_gpus_per_replica on the README example reaches every assumption that changes
 * the figure: each numeric assumption the plan used is moved to the ends of its declared range and, when that changes
 * the figure, it must be in the explained chain. The recommended GPU is held fixed (the choice of GPU is explained by
 * its own field, gpu_resources.recommended_gpu_type).
 */
class ExplainReachesAssumptionsTest {
  private static final String FIELD = "gpu_resources.min_gpus_per_replica";

  @Test
  void everyAssumptionThatMovesTheFigureIsInItsExplanation() throws Exception {
    Workspace ws = Workspace.under(Path.of("").toAbsolutePath());
    ConfigLoader loader = new ConfigLoader().load(Path.of("examples/chat-service.json"));
    ((ObjectNode) loader.document().get("gpu")).put("gpu_type", "B200");
    PlanRequest request = loader.toRequest();
    LLMForecastEngine engine = new LLMForecastEngine(ws, Map.of());
    LLMCapacityPlan plan = engine.plan(request);
    JsonNode tree = Json.shared().valueToTree(plan);
    FigureExplanation x = FigureExplanation.of(FIELD, tree, plan.trace(), engine.rules());
    Set<String> reached = x.assumptionsReached();
    int base = plan.gpuResources().minGpusPerReplica();
    List<String> moving = new ArrayList<>();
    List<String> missed = new ArrayList<>();
    for (LLMCapacityPlan.AssumptionUsed used : plan.assumptions()) {
      Assumption a = engine.assumptions().get(used.name()).orElseThrow();
      if (a.getNumber() == null || a.getMin() == null || a.getMax() == null) {
        continue;
      }
      for (double v : new double[] {a.getMin(), a.getMax()}) {
        if (v == a.getNumber()) {
          continue;
        }
        Integer moved;
        try {
          moved = engine.withAssumptions(engine.assumptions().withOverrides(Map.of(a.getName(), Double.toString(v))))
              .plan(request, Map.of(), false).gpuResources().minGpusPerReplica();
        } catch (Exception e) {
          moved = null; // e.g. the plan fails at an extreme: the figure moved
        }
        if (moved == null || moved != base) {
          moving.add(a.getName());
          if (!reached.contains(a.getName())) {
            missed.add(a.getName() + " = " + v + " gives " + moved);
          }
          break;
        }
      }
    }
    assertThat(moving).as("some assumptions must move the figure, or this test checks nothing").isNotEmpty();
    assertThat(missed).as("assumptions that move " + FIELD + " but are not in its explanation " + reached).isEmpty();
  }
}
