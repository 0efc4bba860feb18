package dev.llmcap.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.catalog.CatalogException;
import dev.llmcap.config.ConfigLoader;
import dev.llmcap.config.InputException;
import dev.llmcap.config.Json;
import dev.llmcap.engine.FigureExplanation;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.engine.TraceEntry;
import dev.llmcap.engine.Workspace;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.TrainingCapacityPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Runs rule tests: plans each test's input with the rules of a workspace and compares the plan with what it expects. */
public final class RuleScenarioRunner {
  private final Workspace workspace;
  private final int explainDepth;
  private final Map<String, LLMForecastEngine> engines = new HashMap<>();

  /** One expectation checked: the value found (null when absent) and, when it failed, the explanation of that value. */
  public record Check(RuleScenario.Expectation expectation, String actual, boolean passed, String explanation) {}

  /** A test run: its checks, or the error that kept it from planning; the rules that concluded something in its plan. */
  public record Outcome(RuleScenario scenario, List<Check> checks, String error, Set<String> rulesFired) {
    public boolean passed() {
      return error == null && checks.stream().allMatch(Check::passed);
    }
  }

  /** A runner that explains a failing value two levels deep. */
  public RuleScenarioRunner(Workspace workspace) {
    this(workspace, 2);
  }

  /** A runner that explains a failing value explainDepth levels deep (0 = the whole chain). */
  public RuleScenarioRunner(Workspace workspace, int explainDepth) {
    this.workspace = workspace;
    this.explainDepth = explainDepth;
  }

  /** Plans one test and checks its expectations; an input, rule or catalog problem is the outcome's error. */
  public Outcome run(RuleScenario s) throws RuleSetException {
    Object plan;
    try {
      LLMForecastEngine engine = engine(s);
      ConfigLoader loader = new ConfigLoader().load(s.config().deepCopy(), s.file().toString());
      PlanRequest request = loader.toRequest();
      plan = "training".equals(loader.mode()) ? engine.planTraining(request, loader.provenance(), true)
          : engine.planExplained(request, loader.provenance(), true).plan();
    } catch (InputException e) {
      return new Outcome(s, List.of(), String.join("; ", e.problems()), Set.of());
    } catch (CatalogException e) {
      return new Outcome(s, List.of(), "catalog: " + e.getMessage(), Set.of());
    }
    JsonNode tree = Json.shared().valueToTree(plan);
    List<TraceEntry> trace = plan instanceof LLMCapacityPlan ? ((LLMCapacityPlan) plan).trace() : ((TrainingCapacityPlan) plan).trace();
    Map<String, String> values = values(tree);
    List<Check> checks = new ArrayList<>();
    for (RuleScenario.Expectation e : s.expect()) {
      String actual = values.get(e.field());
      boolean ok = Expected.matches(e.expected(), actual);
      String why = null;
      if (!ok && actual != null) {
        try {
          why = FigureExplanation.of(e.field(), tree, trace, engine(s).rules()).text(explainDepth);
        } catch (FigureExplanation.UnknownFieldException | CatalogException x) {
          why = null; // a field no rule concludes (an input) has no chain to show
        }
      }
      checks.add(new Check(e, actual, ok, why));
    }
    Set<String> fired = new TreeSet<>();
    for (TraceEntry t : trace) {
      fired.add(t.links().rulePackage() + "/" + t.getRule());
    }
    return new Outcome(s, checks, null, fired);
  }

  private LLMForecastEngine engine(RuleScenario s) throws RuleSetException, CatalogException {
    String key = s.gpuCatalog() + "|" + new java.util.TreeMap<>(s.set());
    LLMForecastEngine e = engines.get(key);
    if (e == null) {
      e = new LLMForecastEngine(s.gpuCatalog() == null ? workspace : workspace.withGpuCatalog(s.gpuCatalog()), s.set());
      engines.put(key, e);
    }
    return e;
  }

  /**
   * Every value of the plan by dotted path ("gpu_resources.min_gpus_per_replica", "verdict"; gpu_options by GPU id, e.g.
   * "gpu_options.H100-80GB.verdict"; findings by kind, e.g. "findings.warning", messages of one kind joined by " | ";
   * other lists by index). The trace, headline and assumptions are left out.
   */
  public static Map<String, String> values(JsonNode plan) {
    Map<String, String> out = new LinkedHashMap<>();
    plan.fields().forEachRemaining(e -> {
      if (Set.of("trace", "headline", "assumptions", "rules").contains(e.getKey())) {
        return;
      }
      if (e.getKey().equals("findings") && e.getValue().isArray()) {
        // findings by kind ("findings.warning"), messages of the same kind joined
        e.getValue().forEach(f -> out.merge("findings." + f.path("kind").asText(), f.path("message").asText(), (x, y) -> x + " | " + y));
      } else if (e.getKey().equals("gpu_options") && e.getValue().isArray()) {
        e.getValue().forEach(o -> walk("gpu_options." + o.path("gpu").asText(), o, out));
      } else {
        walk(e.getKey(), e.getValue(), out);
      }
    });
    return out;
  }

  private static void walk(String path, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> walk(path + "." + e.getKey(), e.getValue(), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(path + "[" + i + "]", node.get(i), out);
      }
    } else if (!node.isNull()) {
      out.put(path, node.asText());
    }
  }
}
