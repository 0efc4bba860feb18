package dev.llmcap.engine;

import dev.llmcap.catalog.ModelSpec;
import dev.llmcap.model.fact.ArchitectureSummary;
import dev.llmcap.model.fact.Assumption;
import dev.llmcap.model.fact.EfficiencySource;
import dev.llmcap.model.fact.Finding;
import dev.llmcap.model.fact.Quantity;
import dev.llmcap.model.fact.Recommendation;
import dev.llmcap.model.fact.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The conclusions of one rule session, indexed for reading back: quantities by scope and name, findings, verdicts. */
public final class SessionResult {
  private final Map<String, Quantity> quantities = new LinkedHashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, Verdict> verdicts = new LinkedHashMap<>();
  private final List<Recommendation> recommendations = new ArrayList<>();
  private final Map<String, EfficiencySource> efficiencySources = new LinkedHashMap<>();
  private final List<TraceEntry> trace;
  private final List<Assumption> assumptionsUsed;
  private final List<dev.llmcap.model.fact.LayoutOption> layoutOptions = new ArrayList<>();
  private ModelSpec model;
  private ArchitectureSummary architecture;

  /**
   * Whether a fact of the session is one this result reads back (conclusions, the model, its architecture summary); the
   * session's other facts (assumptions, inputs, catalog rows, intermediate facts) are left in the session, not copied.
   */
  static boolean readBack(Object o) {
    return o instanceof Quantity || o instanceof Finding || o instanceof Verdict || o instanceof Recommendation
        || o instanceof EfficiencySource || o instanceof dev.llmcap.model.fact.LayoutOption || o instanceof ModelSpec
        || o instanceof ArchitectureSummary;
  }

  SessionResult(List<Object> facts, List<TraceEntry> trace, List<Assumption> assumptionsUsed) {
    this.trace = trace;
    this.assumptionsUsed = assumptionsUsed;
    for (Object o : facts) {
      if (o instanceof Quantity) {
        Quantity q = (Quantity) o;
        quantities.put(q.getScope() + "|" + q.getName(), q);
      } else if (o instanceof Finding) {
        findings.add((Finding) o);
      } else if (o instanceof Verdict) {
        Verdict v = (Verdict) o;
        verdicts.put(v.getScope(), v);
      } else if (o instanceof Recommendation) {
        recommendations.add((Recommendation) o);
      } else if (o instanceof EfficiencySource) {
        EfficiencySource e = (EfficiencySource) o;
        efficiencySources.put(e.getGpu(), e);
      } else if (o instanceof dev.llmcap.model.fact.LayoutOption) {
        layoutOptions.add((dev.llmcap.model.fact.LayoutOption) o);
      } else if (o instanceof ModelSpec) {
        model = (ModelSpec) o;
      } else if (o instanceof ArchitectureSummary) {
        architecture = (ArchitectureSummary) o;
      }
    }
    findings.sort((a, b) -> (a.getScope() + a.getKind() + a.getMessage()).compareTo(b.getScope() + b.getKind() + b.getMessage()));
    recommendations.sort((a, b) -> a.getGpu().compareTo(b.getGpu()));
    layoutOptions.sort((a, b) -> a.gpu().equals(b.gpu()) ? Integer.compare(a.rank(), b.rank()) : a.gpu().compareTo(b.gpu()));
  }

  /** The training layouts compared on a GPU's planned cluster, fastest first. */
  public List<dev.llmcap.model.fact.LayoutOption> layoutOptions(String gpu) {
    List<dev.llmcap.model.fact.LayoutOption> out = new ArrayList<>();
    for (dev.llmcap.model.fact.LayoutOption o : layoutOptions) {
      if (o.gpu().equals(gpu)) {
        out.add(o);
      }
    }
    return out;
  }

  public Optional<Quantity> quantity(String scope, String name) {
    return Optional.ofNullable(quantities.get(scope + "|" + name));
  }

  public Double value(String scope, String name) {
    Quantity q = quantities.get(scope + "|" + name);
    return q == null ? null : q.getValue();
  }

  public Integer whole(String scope, String name) {
    Quantity q = quantities.get(scope + "|" + name);
    return q == null ? null : q.getWhole();
  }

  /** Findings of a scope (and, with includeGlobal, the plan-wide ones). */
  public List<Finding> findings(String scope, boolean includeGlobal) {
    return findings.stream()
        .filter(f -> f.getScope().equals(scope) || (includeGlobal && f.getScope().isEmpty()))
        .collect(Collectors.toList());
  }

  public Optional<Finding> finding(String scope, String kind) {
    return findings.stream().filter(f -> f.getScope().equals(scope) && f.getKind().equals(kind)).findFirst();
  }

  /** Whose efficiencies a GPU was planned with (calibrated, borrowed or default). */
  public Optional<EfficiencySource> efficiencySource(String gpu) { return Optional.ofNullable(efficiencySources.get(gpu)); }
  public Optional<Verdict> verdict(String scope) { return Optional.ofNullable(verdicts.get(scope)); }
  public Map<String, Verdict> verdicts() { return verdicts; }
  public List<Recommendation> recommendations() { return recommendations; }
  public Optional<ModelSpec> model() { return Optional.ofNullable(model); }
  /** The rules' summary of the model's architecture (derived counts, KV per token, attention kind). */
  public Optional<ArchitectureSummary> architecture() { return Optional.ofNullable(architecture); }
  public List<TraceEntry> trace() { return trace; }
  public List<Assumption> assumptionsUsed() { return assumptionsUsed; }
  public Map<String, Quantity> quantities() { return quantities; }
}
