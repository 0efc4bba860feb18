package dev.llmcap.validate;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An expected value of a rule test: a number with a tolerance ({@code 22 +- 15%}, {@code 22 +- 3}), a bound
 * ({@code >= 4}, {@code < 100}), a range ({@code 10..20}), an exact number, {@code absent}, {@code contains TEXT} (for
 * messages), or text compared as written.
 */
public final class Expected {
  private static final Pattern TOLERANCE = Pattern.compile("^\\s*([-+0-9.eE]+)\\s*(?:\\+-|±|\\+/-)\\s*([0-9.eE]+)\\s*(%?)\\s*$");
  private static final Pattern BOUND = Pattern.compile("^\\s*(>=|<=|>|<)\\s*([-+0-9.eE]+)\\s*$");
  private static final Pattern RANGE = Pattern.compile("^\\s*([-+0-9.eE]+)\\s*\\.\\.\\s*([-+0-9.eE]+)\\s*$");

  private Expected() {}

  /** Whether the actual plan value (null when the plan has no such field) meets the expectation. */
  public static boolean matches(String expected, String actual) {
    String e = expected.trim();
    if (e.equalsIgnoreCase("absent")) {
      return actual == null;
    }
    if (actual == null) {
      return false;
    }
    if (e.startsWith("contains ")) {
      return actual.contains(e.substring("contains ".length()).trim());
    }
    Double x = number(actual);
    Matcher m = TOLERANCE.matcher(e);
    if (m.matches()) {
      if (x == null) {
        return false;
      }
      double want = Double.parseDouble(m.group(1));
      double tol = Double.parseDouble(m.group(2));
      double allowed = m.group(3).isEmpty() ? tol : Math.abs(want) * tol / 100.0;
      return Math.abs(x - want) <= allowed + 1e-12;
    }
    m = BOUND.matcher(e);
    if (m.matches()) {
      if (x == null) {
        return false;
      }
      double b = Double.parseDouble(m.group(2));
      switch (m.group(1)) {
        case ">=": return x >= b;
        case "<=": return x <= b;
        case ">": return x > b;
        default: return x < b;
      }
    }
    m = RANGE.matcher(e);
    if (m.matches()) {
      return x != null && x >= Double.parseDouble(m.group(1)) && x <= Double.parseDouble(m.group(2));
    }
    Double want = number(e);
    if (want != null && x != null) {
      return Math.abs(x - want) <= 1e-9 * Math.max(1, Math.abs(want));
    }
    return e.equals(actual.trim()) || e.toLowerCase(Locale.ROOT).equals(actual.trim().toLowerCase(Locale.ROOT))
        && (e.equalsIgnoreCase("true") || e.equalsIgnoreCase("false"));
  }

  /** Whether the text is a well-formed expectation that is numeric (so a typo such as "22 +- 15 %%" is caught). */
  public static boolean isNumericForm(String expected) {
    String e = expected.trim();
    return TOLERANCE.matcher(e).matches() || BOUND.matcher(e).matches() || RANGE.matcher(e).matches() || number(e) != null;
  }

  private static Double number(String s) {
    try {
      return Double.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
