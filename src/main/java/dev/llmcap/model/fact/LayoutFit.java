package dev.llmcap.model.fact;

/** A layout whose KV budget holds the minimum batch at full context. */
public final class LayoutFit {
  private final LayoutMemory memory;

  public LayoutFit(LayoutMemory memory) {
    this.memory = memory;
  }

  public LayoutMemory getMemory() { return memory; }
  public String getGpu() { return memory.getGpu(); }
  public int getTp() { return memory.getTp(); }
  public int getPp() { return memory.getPp(); }
  public int getGpus() { return memory.getGpus(); }

  @Override
  public String toString() {
    return "fits " + memory;
  }
}
