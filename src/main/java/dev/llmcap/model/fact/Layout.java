package dev.llmcap.model.fact;

/** A parallel layout of one replica on a candidate GPU: tensor-parallel degree x pipeline stages. */
public final class Layout {
  private final String gpu;
  private final int tp;
  private final int pp;

  public Layout(String gpu, int tp, int pp) {
    this.gpu = gpu;
    this.tp = tp;
    this.pp = pp;
  }

  public String getGpu() { return gpu; }
  public int getTp() { return tp; }
  public int getPp() { return pp; }
  public int getGpus() { return tp * pp; }

  @Override
  public String toString() {
    return "layout " + gpu + " TP" + tp + (pp > 1 ? " x PP" + pp : "");
  }
}
