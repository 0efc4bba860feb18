package dev.llmcap.engine;

import dev.llmcap.catalog.Catalog;
import dev.llmcap.catalog.CatalogException;
import dev.llmcap.config.InputException;
import dev.llmcap.config.InputPreparer;
import dev.llmcap.config.PreparedRequest;
import dev.llmcap.config.TrainingPreparer;
import dev.llmcap.model.TrainingCapacityPlan;
import dev.llmcap.model.TrainingInput;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.LLMWorkloadInput;
import dev.llmcap.model.ModelConfig;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.fact.BenchmarkRun;
import java.util.List;
import java.util.Map;

/**
 * The programmatic entry point (seed: LLMForecastEngine): compiles the rules folder once, then plans any number of
 * requests, each in a fresh rule session. Thread-safe for concurrent plans.
 */
public final class LLMForecastEngine {
  /** DRL package of the serving rules (rules/inference). */
  public static final String INFERENCE_RULES = "inference";
  /** DRL package of the training rules (rules/training). */
  public static final String TRAINING_RULES = "training";

  private final Workspace workspace;
  private final RuleBase rules;
  private final Assumptions assumptions;
  private final Catalog catalog;
  private final java.util.Set<String> overridden;

  /** An engine over rules/, gpu-catalog/ and model-catalog/ of -Dllmcap.home or the working directory. */
  public LLMForecastEngine() throws RuleSetException, CatalogException {
    this(Workspace.fromEnvironment(), Map.of());
  }

  /** An engine over the given folders, with assumption overrides (name to value) applied. */
  public LLMForecastEngine(Workspace workspace, Map<String, String> assumptionOverrides) throws RuleSetException, CatalogException {
    this.workspace = workspace;
    this.catalog = Catalog.load(workspace.gpuCatalog(), workspace.modelCatalog());
    this.assumptions = Assumptions.load(workspace.rules()).withOverrides(assumptionOverrides);
    this.overridden = java.util.Set.copyOf(assumptionOverrides.keySet());
    this.rules = RuleBase.load(workspace.rules());
    RequiredAssumptions.check(rules, assumptions);
  }

  private LLMForecastEngine(LLMForecastEngine base, Assumptions assumptions) {
    this.workspace = base.workspace;
    this.catalog = base.catalog;
    this.rules = base.rules;
    this.assumptions = assumptions;
    this.overridden = base.overridden;
  }

  /** The assumptions of a request's team: rules/teams/TEAM_ID.json over the shared ones, --set overrides kept. */
  private Assumptions teamAssumptions(PlanRequest request) throws RuleSetException {
    String team = request.getService() == null ? null : request.getService().getTeamId();
    return assumptions.forTeam(workspace.rules(), team, overridden);
  }

  /** The same rules and catalogs with other assumption values (e.g. candidate calibrations); nothing is recompiled. */
  public LLMForecastEngine withAssumptions(Assumptions other) {
    return new LLMForecastEngine(this, other);
  }

  /** Fires the rules for one request (candidate GPUs as the request says) and returns the raw conclusions. */
  public SessionResult evaluate(PlanRequest request) throws InputException, RuleSetException {
    return evaluate(request, true);
  }

  /**
   * Fires the rules for one request; without withTrace no audit trace is kept (the same conclusions, less work per plan:
   * what validation and calibration need).
   */
  public SessionResult evaluate(PlanRequest request, boolean withTrace) throws InputException, RuleSetException {
    return evaluate(request, withTrace, true);
  }

  /**
   * Fires the rules for one request's key figures: no audit trace, and the rules marked {@code @reportDetail(true)} (the
   * latency-vs-load curve, which no other rule matches) do not fire. What validation and calibration read.
   */
  public SessionResult evaluateKeyFigures(PlanRequest request) throws InputException, RuleSetException {
    return evaluate(request, false, false);
  }

  /**
   * Fires the rules for the figures a closed-loop benchmark run measures (the request's concurrency kept in flight on one
   * replica): the key figures with a {@link BenchmarkRun} fact, so no fleet is sized and the open-loop latency rules do
   * not fire. What validation and calibration read for their closed-loop rows; the closed-loop figures are the ones
   * {@link #evaluateKeyFigures} gives.
   */
  public SessionResult evaluateBenchmarkRun(PlanRequest request) throws InputException, RuleSetException {
    return evaluateBenchmarkRun(prepareBenchmarkRun(request));
  }

  /**
   * A benchmark run's request validated and completed with this engine's defaults, to be planned many times by
   * {@link #evaluateBenchmarkRun(PreparedRequest)} (calibration plans each row under every candidate's values).
   */
  public PreparedRequest prepareBenchmarkRun(PlanRequest request) throws InputException, RuleSetException {
    if (request.getWorkload() == null || request.getWorkload().getConcurrency() == null) {
      throw new IllegalArgumentException("a benchmark run needs workload.concurrency (the requests kept in flight)");
    }
    return new InputPreparer(catalog, teamAssumptions(request)).inference(request, Map.of());
  }

  /**
   * Plans a benchmark run prepared by {@link #prepareBenchmarkRun} with this engine's rules and assumptions. The
   * preparation read only the {@code default.*} assumptions ({@link #preparationKey}), so a request prepared by an engine
   * with the same key is planned exactly as {@link #evaluateBenchmarkRun(PlanRequest)} would plan it here.
   */
  public SessionResult evaluateBenchmarkRun(PreparedRequest prepared) throws RuleSetException {
    PlanRequest r = prepared.request();
    List<Object> inputs = List.of(r.getWorkload(), r.getModel(), r.getGpu(), r.getService(), new BenchmarkRun());
    return new PlanSession(rules, teamAssumptions(r)).run(inputs, prepared.gpus(), prepared.models(), INFERENCE_RULES, false, false);
  }

  /**
   * What preparing a request depends on besides the request and the catalogs: the {@code default.*} assumptions (the
   * team files are the same for every engine of a workspace). Engines with equal keys prepare any request alike.
   */
  public String preparationKey() {
    StringBuilder key = new StringBuilder();
    for (dev.llmcap.model.fact.Assumption a : assumptions.all()) {
      if (a.getName().startsWith("default.")) {
        key.append(a.getName()).append('=').append(a.getValue()).append('|').append(a.getText()).append('\n');
      }
    }
    return key.toString();
  }

  private SessionResult evaluate(PlanRequest request, boolean withTrace, boolean reportDetail)
      throws InputException, RuleSetException {
    Assumptions team = teamAssumptions(request);
    PreparedRequest prepared = new InputPreparer(catalog, team).inference(request, Map.of());
    PlanRequest r = prepared.request();
    List<Object> inputs = List.of(r.getWorkload(), r.getModel(), r.getGpu(), r.getService());
    return new PlanSession(rules, team).run(inputs, prepared.gpus(), prepared.models(), INFERENCE_RULES, withTrace,
        reportDetail);
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
    return planExplained(request, provenance, withTrace).plan();
  }

  /** Plans a request and says where every input came from, defaults included (for --explain). */
  public ExplainedPlan planExplained(PlanRequest request, Map<String, String> provenance, boolean withTrace)
      throws InputException, RuleSetException {
    return planExplained(request, provenance, withTrace, true);
  }

  /**
   * Plans a request for its key figures (a batch row): no audit trace, and the rules marked
   * {@code @reportDetail(true)} (conclusions only a full report shows, such as the latency-vs-load curve, which no other
   * rule matches) do not fire. Every other figure is the one {@link #plan(PlanRequest)} gives.
   */
  public LLMCapacityPlan planKeyFigures(PlanRequest request) throws InputException, RuleSetException {
    return planExplained(request, Map.of(), false, false).plan();
  }

  private ExplainedPlan planExplained(PlanRequest request, Map<String, String> provenance, boolean withTrace,
      boolean reportDetail) throws InputException, RuleSetException {
    if (request.getMode() != null && !"inference".equals(request.getMode())) {
      throw new InputException("mode must be inference or training (got \"" + request.getMode() + "\")");
    }
    Assumptions team = teamAssumptions(request);
    PreparedRequest prepared = new InputPreparer(catalog, team).inference(request, provenance);
    PlanRequest r = prepared.request();
    List<Object> inputs = List.of(r.getWorkload(), r.getModel(), r.getGpu(), r.getService());
    SessionResult result = new PlanSession(rules, team).run(inputs, prepared.gpus(), prepared.models(), INFERENCE_RULES, withTrace,
        reportDetail);
    return new ExplainedPlan(InferencePlanAssembler.assemble(prepared, result, rules, withTrace), prepared.provenance());
  }

  /**
   * The seed's call: plan a training run of a model, every other input at its default (seed: generate_training_plan).
   * Only the model's name, size and precision are read; serving fields such as context_window are ignored, as in the
   * seed's example that passes the same ModelConfig to both calls.
   */
  public TrainingCapacityPlan generateTrainingPlan(TrainingInput training, ModelConfig model) throws InputException, RuleSetException {
    PlanRequest r = new PlanRequest();
    r.setMode("training");
    r.setTraining(training);
    ModelConfig m = new ModelConfig();
    m.setModelName(model.getModelName());
    m.setModelSizeBillions(model.getModelSizeBillions());
    m.setPrecision(model.getPrecision());
    r.setModel(m);
    return planTraining(r, Map.of(), true);
  }

  /** Plans a training request; provenance says where each input came from; withTrace keeps the audit trace in the plan. */
  public TrainingCapacityPlan planTraining(PlanRequest request, Map<String, String> provenance, boolean withTrace)
      throws InputException, RuleSetException {
    if (request.getMode() != null && !"training".equals(request.getMode())) {
      throw new InputException("planTraining needs mode training (got \"" + request.getMode() + "\")");
    }
    Assumptions team = teamAssumptions(request);
    PreparedRequest prepared = new TrainingPreparer(catalog, team).prepare(request, provenance);
    PlanRequest r = prepared.request();
    List<Object> inputs = List.of(r.getTraining(), r.getModel(), r.getGpu(), r.getService());
    SessionResult result = new PlanSession(rules, team).run(inputs, prepared.gpus(), prepared.models(), TRAINING_RULES, withTrace);
    return TrainingPlanAssembler.assemble(prepared, result, rules, withTrace);
  }

  public Catalog catalog() { return catalog; }
  public Assumptions assumptions() { return assumptions; }
  public RuleBase rules() { return rules; }
  public Workspace workspace() { return workspace; }
}
