package dev.llmcap.model.fact;

import java.util.Locale;

/** How many requests/s per GPU a layout that fits serves at its own recommended batch (for choosing the layout). */
public final class LayoutThroughput {
  private final LayoutFit fit;
  private final double batch;
  private final double rpsPerGpu;
  private final int tier;

  /** tier 0: the layout can meet the per-request latency targets at batch 1; tier 1: it cannot. */
  public LayoutThroughput(LayoutFit fit, double batch, double rpsPerGpu, int tier) {
    this.fit = fit;
    this.batch = batch;
    this.rpsPerGpu = rpsPerGpu;
    this.tier = tier;
  }

  public LayoutFit getFit() { return fit; }
  public String getGpu() { return fit.getGpu(); }
  public int getTp() { return fit.getTp(); }
  public int getPp() { return fit.getPp(); }
  public int getGpus() { return fit.getGpus(); }
  public double getBatch() { return batch; }
  public double getRpsPerGpu() { return rpsPerGpu; }
  public int getTier() { return tier; }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "throughput %s TP%d%s: %.4g req/s per GPU at batch %.0f%s", getGpu(), getTp(),
        getPp() > 1 ? " x PP" + getPp() : "", rpsPerGpu, batch, tier == 0 ? "" : " (misses a latency target even at batch 1)");
  }
}
