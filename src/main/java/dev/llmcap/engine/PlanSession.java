package dev.llmcap.engine;

import dev.llmcap.catalog.GpuPrice;
import dev.llmcap.catalog.GpuSpec;
import dev.llmcap.catalog.ModelSpec;
import dev.llmcap.model.fact.Assumption;
import dev.llmcap.model.fact.ModelCandidate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.kie.api.runtime.KieSession;

/** Runs one rule session: inserts the input facts, fires the rules, and reads back every conclusion with its trace. */
public final class PlanSession {
  private final RuleBase rules;
  private final Assumptions assumptions;

  public PlanSession(RuleBase rules, Assumptions assumptions) {
    this.rules = rules;
    this.assumptions = assumptions;
  }

  /**
   * Fires the rules over the given input records, candidate GPUs (with their prices) and candidate models.
   *
   * @param inputs input records (workload, model config, GPU config, service, training input...)
   * @param gpus the GPUs to plan for
   * @param models the model catalog entries the rules may use
   */
  public SessionResult run(Collection<?> inputs, Collection<GpuSpec> gpus, Collection<ModelSpec> models) throws RuleSetException {
    return run(inputs, gpus, models, null, true);
  }

  /**
   * As {@link #run(Collection, Collection, Collection)}, firing only the rules of one DRL package (e.g. "training"), so
   * the rules of another mode never conclude anything in this session; null fires every package.
   */
  public SessionResult run(Collection<?> inputs, Collection<GpuSpec> gpus, Collection<ModelSpec> models, String rulePackage)
      throws RuleSetException {
    return run(inputs, gpus, models, rulePackage, true);
  }

  /**
   * As {@link #run(Collection, Collection, Collection)}; without withTrace only the assumptions used are recorded (no
   * audit trace entries): about a quarter less CPU per plan, for batch runs.
   */
  public SessionResult run(Collection<?> inputs, Collection<GpuSpec> gpus, Collection<ModelSpec> models, boolean withTrace)
      throws RuleSetException {
    return run(inputs, gpus, models, null, withTrace);
  }

  /** The full form: one rule package or all (null), with or without the audit trace. */
  public SessionResult run(Collection<?> inputs, Collection<GpuSpec> gpus, Collection<ModelSpec> models, String rulePackage,
      boolean withTrace) throws RuleSetException {
    KieSession session = rules.newSession(rulePackage);
    AuditTrace trace = withTrace ? new AuditTrace() : null;
    AssumptionsUsed used = withTrace ? null : new AssumptionsUsed();
    if (trace != null) {
      session.addEventListener((org.kie.api.event.rule.AgendaEventListener) trace);
      session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) trace);
    } else {
      session.addEventListener(used);
    }
    try {
      for (Assumption a : assumptions.all()) {
        session.insert(a);
      }
      for (Object o : inputs) {
        session.insert(o);
      }
      for (ModelSpec m : models) {
        session.insert(new ModelCandidate(m));
      }
      for (GpuSpec g : gpus) {
        session.insert(g);
        for (GpuPrice p : g.getPrices()) {
          session.insert(p);
        }
      }
      int limit = (int) assumptions.get("engine_max_rule_firings").map(Assumption::getValue).orElse(Double.NaN).doubleValue();
      int max = limit > 0 ? limit : Integer.MAX_VALUE;
      int fired = rulePackage == null ? session.fireAllRules(max)
          : session.fireAllRules(m -> rulePackage.equals(m.getRule().getPackageName()), max);
      if (limit > 0 && fired >= limit) {
        throw new RuleSetException("the rules fired " + fired + " times without settling (a rule loop?); "
            + "raise engine_max_rule_firings in " + Assumptions.FILE + " if this is expected");
      }
      List<Object> facts = new ArrayList<>(session.getObjects());
      return trace != null ? new SessionResult(facts, trace.entries(), trace.assumptionsUsed())
          : new SessionResult(facts, List.of(), used.assumptions());
    } finally {
      if (trace != null) {
        session.removeEventListener((org.kie.api.event.rule.AgendaEventListener) trace);
        session.removeEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) trace);
      } else {
        session.removeEventListener(used);
      }
      session.dispose();
    }
  }
}
