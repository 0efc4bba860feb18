package dev.llmcap.engine;

import dev.llmcap.catalog.Catalog;
import dev.llmcap.catalog.CatalogException;
import dev.llmcap.config.InputException;
import dev.llmcap.config.InputPreparer;
import dev.llmcap.config.PreparedRequest;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.LLMWorkloadInput;
import dev.llmcap.model.ModelConfig;
import dev.llmcap.model.PlanRequest;
import java.util.List;
import java.util.Map;

/**
 * The programmatic entry point (seed: LLMForecastEngine): compiles the rules folder once, then plans any number of
 * requests, each in a fresh rule session. Thread-safe for concurrent plans.
 */
public final class LLMForecastEngine {
  private final Workspace workspace;
  private final RuleBase rules;
  private final Assumptions assumptions;
  private final Catalog catalog;

  /** An engine over rules/, gpu-catalog/ and model-catalog/ of -Dllmcap.home or the working directory. */
  public LLMForecastEngine() throws RuleSetException, CatalogException {
    this(Workspace.fromEnvironment(), Map.of());
  }

  /** An engine over the given folders, with assumption overrides (name to value) applied. */
  public LLMForecastEngine(Workspace workspace, Map<String, String> assumptionOverrides) throws RuleSetException, CatalogException {
    this.workspace = workspace;
    this.catalog = Catalog.load(workspace.gpuCatalog(), workspace.modelCatalog());
    this.assumptions = Assumptions.load(workspace.rules()).withOverrides(assumptionOverrides);
    this.rules = RuleBase.load(workspace.rules());
  }

  /** The seed's call: plan an inference workload for a model, every other input at its default. */
  public LLMCapacityPlan generateInferencePlan(LLMWorkloadInput workload, ModelConfig model) throws InputException, RuleSetException {
    return plan(PlanRequest.inference(workload, model));
  }

  /** Plans a full inference request (with its audit trace). */
  public LLMCapacityPlan plan(PlanRequest request) throws InputException, RuleSetException {
    return plan(request, Map.of(), true);
  }

  /** Plans a request; provenance says where each input came from; withTrace keeps the audit trace in the plan. */
  public LLMCapacityPlan plan(PlanRequest request, Map<String, String> provenance, boolean withTrace)
      throws InputException, RuleSetException {
    if (request.getMode() != null && !"inference".equals(request.getMode())) {
      throw new InputException("mode must be inference or training (got \"" + request.getMode() + "\")");
    }
    PreparedRequest prepared = new InputPreparer(catalog, assumptions).inference(request, provenance);
    PlanRequest r = prepared.request();
    List<Object> inputs = List.of(r.getWorkload(), r.getModel(), r.getGpu(), r.getService());
    SessionResult result = new PlanSession(rules, assumptions).run(inputs, prepared.gpus(), prepared.models(), withTrace);
    return InferencePlanAssembler.assemble(prepared, result, rules, withTrace);
  }

  public Catalog catalog() { return catalog; }
  public Assumptions assumptions() { return assumptions; }
  public RuleBase rules() { return rules; }
  public Workspace workspace() { return workspace; }
}
