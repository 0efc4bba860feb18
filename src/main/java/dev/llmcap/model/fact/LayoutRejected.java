package dev.llmcap.model.fact;

/** A layout of a candidate GPU that is settled without a throughput figure: it does not fit, or is not compared. */
public final class LayoutRejected {
  private final String gpu;
  private final int tp;
  private final int pp;
  private final String reason;

  public LayoutRejected(String gpu, int tp, int pp, String reason) {
    this.gpu = gpu;
    this.tp = tp;
    this.pp = pp;
    this.reason = reason;
  }

  public String getGpu() { return gpu; }
  public int getTp() { return tp; }
  public int getPp() { return pp; }
  public String getReason() { return reason; }

  @Override
  public String toString() {
    return "rejected " + gpu + " TP" + tp + (pp > 1 ? " x PP" + pp : "") + ": " + reason;
  }
}
