package dev.llmcap.model.fact;

/** What the rules conclude about a model's architecture alone: parameter counts, KV bytes per token at 16 bits and attention kind. */
public final class ArchitectureSummary {
  private final String model;
  private final double paramsB;
  private final double activeParamsB;
  private final double kvBytesPerToken16;
  private final String attentionKind;
  private final Integer slidingWindow;
  private final int windowedLayers;

  public ArchitectureSummary(String model, double paramsB, double activeParamsB, double kvBytesPerToken16, String attentionKind,
      Integer slidingWindow, int windowedLayers) {
    this.model = model;
    this.paramsB = paramsB;
    this.activeParamsB = activeParamsB;
    this.kvBytesPerToken16 = kvBytesPerToken16;
    this.attentionKind = attentionKind;
    this.slidingWindow = slidingWindow;
    this.windowedLayers = windowedLayers;
  }

  public String getModel() { return model; }
  /** Total parameters derived from the architecture, billions. */
  public double getParamsB() { return paramsB; }
  /** Parameters a token uses (routed experts it is sent to, shared parts), billions. */
  public double getActiveParamsB() { return activeParamsB; }
  /** KV-cache bytes per token of context over all layers at 2 bytes per element, before any sliding-window cap. */
  public double getKvBytesPerToken16() { return kvBytesPerToken16; }
  /** mha, gqa, mqa or mla, with +sliding (every layer windowed) or +hybrid (some layers windowed). */
  public String getAttentionKind() { return attentionKind; }
  public Integer getSlidingWindow() { return slidingWindow; }
  public int getWindowedLayers() { return windowedLayers; }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(model, paramsB, activeParamsB, kvBytesPerToken16, attentionKind, slidingWindow, windowedLayers);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ArchitectureSummary)) { return false; }
    ArchitectureSummary a = (ArchitectureSummary) o;
    return model.equals(a.model) && paramsB == a.paramsB && activeParamsB == a.activeParamsB && kvBytesPerToken16 == a.kvBytesPerToken16
        && attentionKind.equals(a.attentionKind) && java.util.Objects.equals(slidingWindow, a.slidingWindow) && windowedLayers == a.windowedLayers;
  }

  @Override
  public String toString() {
    return "architecture of " + model + ": " + paramsB + "B params, " + activeParamsB + "B active, " + kvBytesPerToken16
        + " KV bytes/token at 16 bits, " + attentionKind;
  }
}
