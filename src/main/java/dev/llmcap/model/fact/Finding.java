package dev.llmcap.model.fact;

/** A non-numeric conclusion of a rule: a verdict, a limiting bound, a warning or a recommendation, with an optional fix. */
public final class Finding {
  private final String scope;
  private final String kind;
  private final String message;
  private final String fix;

  public Finding(String scope, String kind, String message, String fix) {
    this.scope = scope == null ? Quantity.GLOBAL : scope;
    this.kind = kind;
    this.message = message;
    this.fix = fix == null ? "" : fix;
  }

  /** Shorthand used by rule consequences. */
  public static Finding of(String scope, String kind, String message) {
    return new Finding(scope, kind, message, "");
  }

  /** A finding with a suggested fix. */
  public static Finding withFix(String scope, String kind, String message, String fix) {
    return new Finding(scope, kind, message, fix);
  }

  public String getScope() { return scope; }
  public String getKind() { return kind; }
  public String getMessage() { return message; }
  public String getFix() { return fix; }

  @Override
  public String toString() {
    return (scope.isEmpty() ? "" : scope + ".") + kind + ": " + message + (fix.isEmpty() ? "" : " (fix: " + fix + ")");
  }
}
