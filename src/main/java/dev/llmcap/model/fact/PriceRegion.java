package dev.llmcap.model.fact;

/** The cloud region whose instance prices a candidate GPU is planned with, and why that region. */
public final class PriceRegion {
  private final String gpu;
  private final String region;
  private final String reason;

  public PriceRegion(String gpu, String region, String reason) {
    this.gpu = gpu;
    this.region = region;
    this.reason = reason;
  }

  public String getGpu() { return gpu; }
  public String getRegion() { return region; }
  public String getReason() { return reason; }

  @Override
  public String toString() {
    return "price region of " + gpu + ": " + region + " (" + reason + ")";
  }
}
