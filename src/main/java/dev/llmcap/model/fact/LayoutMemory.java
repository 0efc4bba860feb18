package dev.llmcap.model.fact;

import java.util.Locale;

/** Memory budget of one layout: usable memory, weights, runtime reserve and what is left for the KV cache (GB per replica). */
public final class LayoutMemory {
  private final String gpu;
  private final int tp;
  private final int pp;
  private final double usableGb;
  private final double weightsGb;
  private final double runtimeGb;
  private final double kvBudgetGb;

  public LayoutMemory(String gpu, int tp, int pp, double usableGb, double weightsGb, double runtimeGb, double kvBudgetGb) {
    this.gpu = gpu;
    this.tp = tp;
    this.pp = pp;
    this.usableGb = usableGb;
    this.weightsGb = weightsGb;
    this.runtimeGb = runtimeGb;
    this.kvBudgetGb = kvBudgetGb;
  }

  public String getGpu() { return gpu; }
  public int getTp() { return tp; }
  public int getPp() { return pp; }
  public int getGpus() { return tp * pp; }
  public double getUsableGb() { return usableGb; }
  public double getWeightsGb() { return weightsGb; }
  public double getRuntimeGb() { return runtimeGb; }
  public double getKvBudgetGb() { return kvBudgetGb; }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "memory %s TP%d%s: usable %.1f GB - weights %.1f GB - runtime %.1f GB = KV budget %.1f GB",
        gpu, tp, pp > 1 ? " x PP" + pp : "", usableGb, weightsGb, runtimeGb, kvBudgetGb);
  }
}
