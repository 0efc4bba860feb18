package dev.llmcap.engine;

import java.util.Locale;

/** Number formatting for trace formulas and reports, locale-independent so output is byte-identical everywhere. */
public final class Fmt {
  private Fmt() {}

  /** Four significant digits, plain notation where reasonable. */
  public static String n(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return String.valueOf(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    double a = Math.abs(v);
    if (a >= 1e-3 && a < 1e7) {
      java.math.BigDecimal bd = new java.math.BigDecimal(v).round(new java.math.MathContext(4));
      return bd.stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
