package dev.llmcap.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** One line of the audit trace: which rule concluded what, from which facts and assumptions, by which formula. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"step", "rule", "scope", "conclusion", "formula", "inputs", "assumptions"})
public final class TraceEntry {
  private final int step;
  private final String rule;
  private final String scope;
  private final String conclusion;
  private final String formula;
  private final List<String> inputs;
  private final List<String> assumptions;
  private final Links links;

  /**
   * What an explanation needs beyond the printed entry: the DRL package of the rule, the subject concluded (a quantity's
   * name, a finding's kind, or the fact type), the steps of the derived facts the rule matched, the input and catalog
   * facts it matched, and the names of the assumptions it matched. Not part of the plan's JSON.
   */
  public record Links(String rulePackage, String subject, List<Integer> fromSteps, List<String> facts, List<String> assumptionNames) {
    public Links {
      fromSteps = List.copyOf(fromSteps);
      facts = List.copyOf(facts);
      assumptionNames = List.copyOf(assumptionNames);
    }

    static final Links NONE = new Links("", "", List.of(), List.of(), List.of());
  }

  public TraceEntry(int step, String rule, String scope, String conclusion, String formula, List<String> inputs,
      List<String> assumptions) {
    this(step, rule, scope, conclusion, formula, inputs, assumptions, Links.NONE);
  }

  public TraceEntry(int step, String rule, String scope, String conclusion, String formula, List<String> inputs,
      List<String> assumptions, Links links) {
    this.links = links;
    this.step = step;
    this.rule = rule;
    this.scope = scope;
    this.conclusion = conclusion;
    this.formula = formula;
    this.inputs = List.copyOf(inputs);
    this.assumptions = List.copyOf(assumptions);
  }

  public int getStep() { return step; }
  public String getRule() { return rule; }
  public String getScope() { return scope; }
  public String getConclusion() { return conclusion; }
  public String getFormula() { return formula; }
  public List<String> getInputs() { return inputs; }
  public List<String> getAssumptions() { return assumptions; }
  /** The links an explanation follows (not serialised). */
  @JsonIgnore
  public Links links() { return links; }
}
