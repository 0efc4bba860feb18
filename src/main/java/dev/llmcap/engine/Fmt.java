package dev.llmcap.engine;

import java.util.Locale;

/** Number formatting for trace formulas and reports, locale-independent so output is byte-identical everywhere. */
public final class Fmt {
  /** Powers of ten 10^0 .. 10^7, exact in a double. */
  private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7};
  /** How close (in units of the last kept digit) to a tie or a decade's edge a value must be to take the exact path. */
  private static final double MARGIN = 1e-6;

  private Fmt() {}

  /**
   * Four significant digits, plain notation where reasonable: integers as they are; magnitudes in [0.001, 1e7) are the
   * exact binary value rounded half-up to four significant digits, trailing zeros stripped; others as %.4g.
   */
  public static String n(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return String.valueOf(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    double a = Math.abs(v);
    if (a >= 1e-3 && a < 1e7) {
      String fast = fourDigits(v, a);
      return fast != null ? fast : exactFourDigits(v);
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** The exact rounding (the reference the fast path must agree with). */
  static String exactFourDigits(double v) {
    java.math.BigDecimal bd = new java.math.BigDecimal(v).round(new java.math.MathContext(4));
    return bd.stripTrailingZeros().toPlainString();
  }

  /**
   * The same text as {@link #exactFourDigits} without big-number arithmetic, or null when the value lies too close to a
   * rounding tie or to a power of ten for one floating-point scaling to decide it (then the exact path decides).
   */
  static String fourDigits(double v, double a) {
    int e = (int) Math.floor(Math.log10(a)); // decimal exponent of the leading digit; checked below
    if (e < -3 || e > 6) {
      return null;
    }
    double x = e <= 3 ? a * POW10[3 - e] : a / POW10[e - 3]; // one rounding: x = a / 10^(e-3), ideally in [1000, 10000)
    if (!(x >= 1000 + MARGIN && x < 10000 - MARGIN)) {
      return null;
    }
    double floor = Math.floor(x);
    double frac = x - floor;
    if (Math.abs(frac - 0.5) < MARGIN) {
      return null;
    }
    long digits = (long) floor + (frac > 0.5 ? 1 : 0);
    if (digits >= 10000) {
      return null;
    }
    int exp = e - 3; // value = digits x 10^exp
    while (digits % 10 == 0) {
      digits /= 10;
      exp++;
    }
    StringBuilder sb = new StringBuilder(12);
    if (v < 0) {
      sb.append('-');
    }
    String d = Long.toString(digits);
    if (exp >= 0) {
      sb.append(d);
      for (int i = 0; i < exp; i++) {
        sb.append('0');
      }
      return sb.toString();
    }
    int scale = -exp;
    if (scale < d.length()) {
      return sb.append(d, 0, d.length() - scale).append('.').append(d, d.length() - scale, d.length()).toString();
    }
    sb.append("0.");
    for (int i = d.length(); i < scale; i++) {
      sb.append('0');
    }
    return sb.append(d).toString();
  }
}
