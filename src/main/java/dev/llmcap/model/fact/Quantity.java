package dev.llmcap.model.fact;

import java.util.Locale;

/** A number derived by a rule: its scope (a candidate GPU id, or "" for the whole plan), name, value, unit and the formula with numbers filled in. */
public final class Quantity {
  /** Scope of quantities that do not depend on the candidate GPU. */
  public static final String GLOBAL = "";

  /**
   * A formula text written only when it is read (the audit trace, an explanation): a lambda of a rule consequence, which
   * may call the rule file's functions (Drools declares those to throw {@code Exception}).
   */
  @FunctionalInterface
  public interface FormulaText {
    /** Writes the text; the same text on every call. */
    String write() throws Exception;
  }

  private final String scope;
  private final String name;
  private final double value;
  private final String unit;
  private String formula;
  private FormulaText formulaText;

  public Quantity(String scope, String name, double value, String unit, String formula) {
    this.scope = scope == null ? GLOBAL : scope;
    this.name = name;
    this.value = value;
    this.unit = unit;
    this.formula = formula;
  }

  /**
   * A quantity whose formula text is written only when something reads it (the audit trace, an explanation): a plan
   * without its trace never builds it. The text is the lambda's, the same on every read.
   */
  public Quantity(String scope, String name, double value, String unit, FormulaText formula) {
    this(scope, name, value, unit, (String) null);
    this.formulaText = formula;
  }

  /** Shorthand used by rule consequences. */
  public static Quantity of(String scope, String name, double value, String unit, String formula) {
    return new Quantity(scope, name, value, unit, formula);
  }

  /**
   * Shorthand used by rule consequences: the formula text is written only when it is read (a plan without its trace never
   * builds it).
   */
  public static Quantity of(String scope, String name, double value, String unit, FormulaText formula) {
    return new Quantity(scope, name, value, unit, formula);
  }

  /** A plan-wide quantity. */
  public static Quantity global(String name, double value, String unit, String formula) {
    return new Quantity(GLOBAL, name, value, unit, formula);
  }

  /** A plan-wide quantity whose formula text is written only when it is read. */
  public static Quantity global(String name, double value, String unit, FormulaText formula) {
    return new Quantity(GLOBAL, name, value, unit, formula);
  }

  public String getScope() { return scope; }
  public String getName() { return name; }
  public double getValue() { return value; }
  public String getUnit() { return unit; }
  /** The formula with numbers filled in (written on the first read when the rule gave it as a lambda). */
  public String getFormula() {
    String f = formula;
    if (f == null && formulaText != null) {
      try {
        f = formulaText.write();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) { // a rule function's declared Exception: none of them throws a checked one
        throw new IllegalStateException("formula text of " + name + ": " + e, e);
      }
      formula = f;
    }
    return f;
  }

  /** The value rounded up to a whole number, for counts. */
  public int getWhole() { return (int) Math.ceil(value - 1e-9); }

  @Override
  public String toString() {
    String prefix = scope.isEmpty() ? "" : scope + ".";
    return prefix + name + " = " + String.format(Locale.ROOT, "%.6g", value) + " " + unit;
  }
}
