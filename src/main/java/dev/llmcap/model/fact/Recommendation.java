package dev.llmcap.model.fact;

/** The GPU type the plan recommends, and why. */
public final class Recommendation {
  private final String gpu;
  private final String reason;

  public Recommendation(String gpu, String reason) {
    this.gpu = gpu;
    this.reason = reason;
  }

  public String getGpu() { return gpu; }
  public String getReason() { return reason; }

  @Override
  public String toString() {
    return "recommend " + gpu + ": " + reason;
  }
}
