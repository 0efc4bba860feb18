package dev.llmcap.training;

import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.model.ModelConfig;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.TrainingCapacityPlan;
import dev.llmcap.model.TrainingInput;
import java.util.Map;

/** Shared engine and request builders of the training tests. */
final class TrainingFixtures {
  private static LLMForecastEngine engine;

  private TrainingFixtures() {}

  static synchronized LLMForecastEngine engine() throws Exception {
    if (engine == null) {
      engine = new LLMForecastEngine();
    }
    return engine;
  }

  static PlanRequest request(String model, String gpu, long tokens, int seq, int epochs, int globalBatch) {
    TrainingInput t = new TrainingInput(tokens, seq, epochs, globalBatch);
    ModelConfig m = new ModelConfig();
    m.setModelName(model);
    PlanRequest r = new PlanRequest();
    r.setMode("training");
    r.setTraining(t);
    r.setModel(m);
    r.getGpu().setGpuType(gpu);
    return r;
  }

  static TrainingCapacityPlan plan(PlanRequest r) throws Exception {
    return engine().planTraining(r, Map.of(), false);
  }
}
