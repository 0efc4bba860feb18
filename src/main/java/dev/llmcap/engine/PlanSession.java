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
import org.kie.api.runtime.rule.ConsequenceException;

/** Runs one rule session: inserts the input facts, fires the rules, and reads back every conclusion with its trace. */
public final class PlanSession {
  /** Assumption that caps the rule firings of one plan (the loop guard). */
  public static final String FIRING_LIMIT = "engine_max_rule_firings";
  /** Assumption that caps the wall-clock seconds of one plan. */
  public static final String TIME_LIMIT = "engine_max_plan_seconds";
  /** Loop guard used when the assumption is missing or not a usable number: the guard is never off. */
  static final int BUILT_IN_FIRING_LIMIT = 10_000_000;
  /** Time limit used when the assumption is missing or not a usable number. */
  static final long BUILT_IN_TIME_LIMIT_SECONDS = 600;
  /**
   * Rule metadata (`@reportDetail(true)` in DRL) of a rule whose conclusions only a full report shows and no other rule
   * matches (the latency-vs-load curve): plans made for their key figures alone (batch rows) do not fire it.
   */
  public static final String REPORT_DETAIL = "reportDetail";

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
    return run(inputs, gpus, models, rulePackage, withTrace, true);
  }

  /**
   * As {@link #run(Collection, Collection, Collection, String, boolean)}; without reportDetail the rules marked
   * {@value #REPORT_DETAIL} do not fire (every other conclusion is the same: no rule matches theirs).
   */
  public SessionResult run(Collection<?> inputs, Collection<GpuSpec> gpus, Collection<ModelSpec> models, String rulePackage,
      boolean withTrace, boolean reportDetail) throws RuleSetException {
    KieSession session = rules.newSession(rulePackage);
    AuditTrace trace = withTrace ? new AuditTrace() : null;
    AssumptionsUsed used = withTrace ? null : new AssumptionsUsed();
    AgendaEventListener agendaListener = trace != null ? trace : used;
    RuleWatch watch = new RuleWatch();
    session.addEventListener(agendaListener);
    session.addEventListener(watch);
    if (trace != null) {
      session.addEventListener((RuleRuntimeEventListener) trace);
    }
    int limit = firingLimit();
    long seconds = timeLimitSeconds();
    Watchdog dog = Watchdog.start(session, Thread.currentThread(), seconds);
    boolean healthy = false;
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
      int fired;
      if (reportDetail) {
        fired = rulePackage == null ? session.fireAllRules(limit)
            : session.fireAllRules(m -> rulePackage.equals(m.getRule().getPackageName()), limit);
      } else {
        fired = session.fireAllRules(m -> (rulePackage == null || rulePackage.equals(m.getRule().getPackageName()))
            && !m.getRule().getMetaData().containsKey(REPORT_DETAIL), limit);
      }
      dog.cancel();
      if (dog.fired()) {
        throw timeOut(watch, seconds, null);
      }
      if (fired >= limit) {
        throw new RuleFaultException(RuleWatch.fault(rules, watch.firing(), "the rules fired " + fired
            + " times without settling (a rule loop?); raise " + FIRING_LIMIT + " in " + Assumptions.FILE
            + " if this is expected"), null);
      }
      List<Object> facts = new ArrayList<>(session.getObjects(SessionResult::readBack));
      healthy = true;
      return trace != null ? new SessionResult(facts, trace.entries(), trace.assumptionsUsed())
          : new SessionResult(facts, List.of(), used.assumptions());
    } catch (ConsequenceException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new RuleFaultException(RuleWatch.fault(rules, e.getRule(), dev.llmcap.config.InputLimits.describe(cause)), cause);
    } catch (RuleSetException e) {
      throw e;
    } catch (ThreadDeath e) {
      throw timeOut(watch, seconds, e);
    } catch (RuntimeException | Error e) { // any fault of a rule (condition or consequence), also StackOverflowError
      if (dog.fired()) {
        throw timeOut(watch, seconds, e);
      }
      if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError) && !(e instanceof OutOfMemoryError)) {
        throw e;
      }
      throw new RuleFaultException(RuleWatch.fault(rules, watch.firing(), dev.llmcap.config.InputLimits.describe(e)), e);
    } finally {
      dog.cancel();
      Thread.interrupted(); // a late watchdog must not leave this thread interrupted
      session.removeEventListener(agendaListener); // the pooled session outlives this plan
      session.removeEventListener(watch);
      if (trace != null) {
        session.removeEventListener((RuleRuntimeEventListener) trace);
      }
      if (healthy) {
        session.dispose();
      } // a session that failed mid-firing is dropped, never returned to the pool
    }
  }

  private RuleFaultException timeOut(RuleWatch watch, long seconds, Throwable cause) {
    return new RuleFaultException(RuleWatch.fault(rules, watch.firing(), "the plan did not finish within " + seconds
        + " s (a rule that never returns?); raise " + TIME_LIMIT + " in " + Assumptions.FILE + " if this is expected"), cause);
  }

  /** The loop guard: the assumption when it is a usable number, else the built-in ceiling. Never off. */
  int firingLimit() {
    double v = assumptions.get(FIRING_LIMIT).map(Assumption::getNumber).orElse(null) == null ? Double.NaN
        : assumptions.get(FIRING_LIMIT).get().getNumber();
    return Double.isFinite(v) && v >= 1 && v <= BUILT_IN_FIRING_LIMIT ? (int) v : BUILT_IN_FIRING_LIMIT;
  }

  /** The per-plan wall-clock limit in seconds: the assumption when usable, else the built-in one. */
  long timeLimitSeconds() {
    Double v = assumptions.get(TIME_LIMIT).map(Assumption::getNumber).orElse(null);
    return v != null && Double.isFinite(v) && v >= 1 && v <= BUILT_IN_TIME_LIMIT_SECONDS ? (long) Math.ceil(v) : BUILT_IN_TIME_LIMIT_SECONDS;
  }
}
