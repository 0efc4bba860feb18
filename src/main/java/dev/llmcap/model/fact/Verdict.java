package dev.llmcap.model.fact;

/** Whether a candidate GPU can serve the workload: ok, sla_miss or infeasible, with the reason and the nearest fix. */
public final class Verdict {
  private final String scope;
  private final String status;
  private final String reason;
  private final String fix;

  public Verdict(String scope, String status, String reason, String fix) {
    this.scope = scope;
    this.status = status;
    this.reason = reason;
    this.fix = fix == null ? "" : fix;
  }

  public String getScope() { return scope; }
  public String getStatus() { return status; }
  public String getReason() { return reason; }
  public String getFix() { return fix; }
  public boolean isOk() { return "ok".equals(status); }

  @Override
  public String toString() {
    return "verdict " + scope + " " + status + ": " + reason + (fix.isEmpty() ? "" : " (fix: " + fix + ")");
  }
}
