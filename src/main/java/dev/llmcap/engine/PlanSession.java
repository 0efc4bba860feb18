package dev.llmcap.engine;

import dev.llmcap.catalog.GpuPrice;
import dev.llmcap.catalog.GpuSpec;
import dev.llmcap.catalog.ModelSpec;
import dev.llmcap.model.fact.Assumption;
import dev.llmcap.model.fact.ModelCandidate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
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
   * Fires the rules of one DRL package (e.g. "training"; null fires every package) over the input records (workload,
   * model config, GPU config, service, training input...), the candidate GPUs with their prices and the candidate
   * models. Without withTrace only the assumptions used are recorded (no audit trace entries), for batch runs.
   */
  public SessionResult run(Collection<?> inputs, Collection<GpuSpec> gpus, Collection<ModelSpec> models, String rulePackage,
      boolean withTrace) throws RuleSetException {
    KieSession session = rules.newSession(rulePackage);
    AuditTrace trace = withTrace ? new AuditTrace() : null;
    AssumptionsUsed used = withTrace ? null : new AssumptionsUsed();
    AgendaEventListener agendaListener = trace != null ? trace : used;
    session.addEventListener(agendaListener);
    if (trace != null) {
      session.addEventListener((RuleRuntimeEventListener) trace);
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
      session.removeEventListener(agendaListener); // the pooled session outlives this plan
      if (trace != null) {
        session.removeEventListener((RuleRuntimeEventListener) trace);
      }
      session.dispose();
    }
  }
}
