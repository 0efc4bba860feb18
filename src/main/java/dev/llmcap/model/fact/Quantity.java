package dev.llmcap.model.fact;

import java.util.Locale;

/** A number derived by a rule: its scope (a candidate GPU id, or "" for the whole plan), name, value, unit and the formula with numbers filled in. */
public final class Quantity {
  /** Scope of quantities that do not depend on the candidate GPU. */
  public static final String GLOBAL = "";

  private final String scope;
  private final String name;
  private final double value;
  private final String unit;
  private final String formula;

  public Quantity(String scope, String name, double value, String unit, String formula) {
    this.scope = scope == null ? GLOBAL : scope;
    this.name = name;
    this.value = value;
    this.unit = unit;
    this.formula = formula;
  }

  /** Shorthand used by rule consequences. */
  public static Quantity of(String scope, String name, double value, String unit, String formula) {
    return new Quantity(scope, name, value, unit, formula);
  }

  /** A plan-wide quantity. */
  public static Quantity global(String name, double value, String unit, String formula) {
    return new Quantity(GLOBAL, name, value, unit, formula);
  }

  public String getScope() { return scope; }
  public String getName() { return name; }
  public double getValue() { return value; }
  public String getUnit() { return unit; }
  public String getFormula() { return formula; }

  /** The value rounded up to a whole number, for counts. */
  public int getWhole() { return (int) Math.ceil(value - 1e-9); }

  @Override
  public String toString() {
    String prefix = scope.isEmpty() ? "" : scope + ".";
    return prefix + name + " = " + String.format(Locale.ROOT, "%.6g", value) + " " + unit;
  }
}
