package dev.llmcap.engine;

import dev.llmcap.model.fact.Assumption;
import dev.llmcap.model.fact.Finding;
import dev.llmcap.model.fact.Quantity;
import dev.llmcap.model.fact.Verdict;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.event.rule.BeforeMatchFiredEvent;

/**
 * Builds the audit trace from engine events: before a rule fires it snapshots the matched facts (values are copied as
 * text, since later changes must not rewrite history); every fact the rule inserts becomes a trace entry; a conclusion
 * the truth-maintenance system later retracts is removed, so the trace holds exactly the conclusions in the final plan.
 */
public final class AuditTrace extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
  private final Map<Object, TraceEntry> entries = new IdentityHashMap<>();
  private String currentRule;
  private List<String> currentInputs = List.of();
  private List<String> currentAssumptions = List.of();
  private String currentPackage = "";
  private List<Integer> currentFrom = List.of();
  private List<String> currentFacts = List.of();
  private List<String> currentAssumptionNames = List.of();
  private int step;
  private final java.util.Map<String, Assumption> used = new java.util.TreeMap<>();

  @Override
  public void beforeMatchFired(BeforeMatchFiredEvent event) {
    currentRule = event.getMatch().getRule().getName();
    List<String> inputs = new ArrayList<>();
    List<String> assumptions = new ArrayList<>();
    List<Integer> from = new ArrayList<>();
    List<String> facts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Object o : event.getMatch().getObjects()) {
      if (o instanceof Assumption) {
        Assumption a = (Assumption) o;
        used.put(a.getName(), a);
        names.add(a.getName());
        assumptions.add(a.getName() + " = " + a.display() + (a.getSource() == null ? "" : " [" + a.getSource() + "]"));
      } else if (o != null) {
        String d = describe(o);
        inputs.add(d);
        TraceEntry derived = entries.get(o);
        if (derived != null) {
          from.add(derived.getStep());
        } else {
          facts.add(d);
        }
      }
    }
    currentInputs = inputs;
    currentAssumptions = assumptions;
    currentPackage = event.getMatch().getRule().getPackageName();
    currentFrom = from;
    currentFacts = facts;
    currentAssumptionNames = names;
  }

  private static String describe(Object o) {
    if (o instanceof Quantity || o instanceof Finding) {
      return o.toString();
    }
    return FactDescriber.describe(o);
  }

  @Override
  public void objectInserted(ObjectInsertedEvent event) {
    if (event.getRule() == null) {
      return; // inserted by Java: an input, not a conclusion
    }
    Object o = event.getObject();
    String scope = "";
    String conclusion;
    String formula = "";
    String subject = o.getClass().getSimpleName();
    if (o instanceof Quantity) {
      Quantity q = (Quantity) o;
      subject = q.getName();
      scope = q.getScope();
      conclusion = q.getName() + " = " + Fmt.n(q.getValue()) + " " + q.getUnit();
      formula = q.getFormula();
    } else if (o instanceof Finding) {
      Finding f = (Finding) o;
      subject = f.getKind();
      scope = f.getScope();
      conclusion = f.getKind() + ": " + f.getMessage();
      formula = f.getFix().isEmpty() ? "" : "fix: " + f.getFix();
    } else if (o instanceof Verdict) {
      subject = "verdict";
      scope = ((Verdict) o).getScope();
      conclusion = describe(o);
    } else {
      conclusion = describe(o);
    }
    entries.put(o, new TraceEntry(++step, event.getRule().getName(), scope, conclusion, formula, currentInputs,
        currentAssumptions, new TraceEntry.Links(currentPackage, subject, currentFrom, currentFacts, currentAssumptionNames)));
  }

  @Override
  public void objectUpdated(ObjectUpdatedEvent event) {
    // derived facts are immutable; nothing to record
  }

  @Override
  public void objectDeleted(ObjectDeletedEvent event) {
    entries.remove(event.getOldObject());
  }

  /** Every assumption some fired rule matched, by name. */
  public List<Assumption> assumptionsUsed() {
    return new ArrayList<>(used.values());
  }

  /** The entries of the conclusions still held, in firing order. */
  public List<TraceEntry> entries() {
    List<TraceEntry> list = new ArrayList<>(entries.values());
    list.sort((a, b) -> Integer.compare(a.getStep(), b.getStep()));
    return list;
  }
}
