package dev.llmcap.engine;

import dev.llmcap.catalog.ModelSpec;
import dev.llmcap.model.ModelConfig;
import dev.llmcap.model.fact.ArchitectureSummary;
import java.util.List;

/**
 * Runs the architecture rules on one model alone (no workload, no GPU) and returns what they conclude: derived total and
 * active parameters, KV bytes per token at 16 bits and the attention kind. A model read from a config.json without
 * counts gets the derived counts set on it by the rules.
 */
public final class ArchitectureFacts {
  private final LLMForecastEngine engine;

  public ArchitectureFacts(LLMForecastEngine engine) {
    this.engine = engine;
  }

  /** The rules' summary of the model's architecture. */
  public ArchitectureSummary summarize(ModelSpec model) throws RuleSetException {
    ModelConfig config = new ModelConfig().modelName(model.getId());
    SessionResult r = new PlanSession(engine.rules(), engine.assumptions())
        .run(List.of(config), List.of(), List.of(model), LLMForecastEngine.INFERENCE_RULES, false);
    return r.architecture().orElseThrow(() -> new RuleSetException("the rules derived no architecture summary for " + model.getId()
            + " (rule \"Architecture summary of the model\" missing from the inference rules?)"));
  }
}
