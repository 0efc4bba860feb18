package dev.llmcap.model.fact;

import java.util.Locale;

/**
 * The coefficients of one replica's roofline (bytes, FLOPs and rates already multiplied by their efficiencies),
 * assembled by a rule so that the step-time functions in the rules folder can use them. Holds no formula itself.
 */
public final class Roofline {
  private String gpu;
  private int tp;
  private int pp;
  private int layers;
  private int hidden;
  private double weightBytes;
  private double sharedWeightBytes;
  private double expertWeightBytes;
  private int experts;
  private int expertsPerToken;
  private int moeLayers;
  private double kvBytesPerSeq;
  private double kvBytesPerToken;
  private double hbmBytesPerS;
  private double decodeFlopsPerS;
  private double prefillFlopsPerS;
  private double flopsPerToken;
  private double attnFlopsCoeff;
  private double actBytes;
  private double linkBytesPerS;
  private double allreduceS;
  private double stepOverheadS;
  private double ppHopS;
  private double hopBytesPerToken;
  private double scaleOutBytesPerS;
  private double decodeOverlap; // from the decode_compute_memory_overlap assumption (buildRoofline in functions.drl)

  public Roofline() {}

  public String getGpu() { return gpu; }
  public void setGpu(String v) { gpu = v; }
  public int getTp() { return tp; }
  public void setTp(int v) { tp = v; }
  public int getPp() { return pp; }
  public void setPp(int v) { pp = v; }
  public int getLayers() { return layers; }
  public void setLayers(int v) { layers = v; }
  public int getHidden() { return hidden; }
  public void setHidden(int v) { hidden = v; }
  public double getWeightBytes() { return weightBytes; }
  public void setWeightBytes(double v) { weightBytes = v; }
  public double getSharedWeightBytes() { return sharedWeightBytes; }
  public void setSharedWeightBytes(double v) { sharedWeightBytes = v; }
  public double getExpertWeightBytes() { return expertWeightBytes; }
  public void setExpertWeightBytes(double v) { expertWeightBytes = v; }
  public int getExperts() { return experts; }
  public void setExperts(int v) { experts = v; }
  public int getExpertsPerToken() { return expertsPerToken; }
  public void setExpertsPerToken(int v) { expertsPerToken = v; }
  /** Layers whose MLP is a mixture of experts (0 for dense models). */
  public int getMoeLayers() { return moeLayers; }
  public void setMoeLayers(int v) { moeLayers = v; }
  /** True when MoE layers spread their experts over the TP GPUs (expert parallelism) and exchange tokens all-to-all. */
  public boolean getExpertAllToAll() { return experts > 0 && moeLayers > 0 && tp > 1; }
  public double getKvBytesPerSeq() { return kvBytesPerSeq; }
  public void setKvBytesPerSeq(double v) { kvBytesPerSeq = v; }
  public double getKvBytesPerToken() { return kvBytesPerToken; }
  public void setKvBytesPerToken(double v) { kvBytesPerToken = v; }
  public double getHbmBytesPerS() { return hbmBytesPerS; }
  public void setHbmBytesPerS(double v) { hbmBytesPerS = v; }
  public double getDecodeFlopsPerS() { return decodeFlopsPerS; }
  public void setDecodeFlopsPerS(double v) { decodeFlopsPerS = v; }
  public double getPrefillFlopsPerS() { return prefillFlopsPerS; }
  public void setPrefillFlopsPerS(double v) { prefillFlopsPerS = v; }
  public double getFlopsPerToken() { return flopsPerToken; }
  public void setFlopsPerToken(double v) { flopsPerToken = v; }
  public double getAttnFlopsCoeff() { return attnFlopsCoeff; }
  public void setAttnFlopsCoeff(double v) { attnFlopsCoeff = v; }
  public double getActBytes() { return actBytes; }
  public void setActBytes(double v) { actBytes = v; }
  public double getLinkBytesPerS() { return linkBytesPerS; }
  public void setLinkBytesPerS(double v) { linkBytesPerS = v; }
  public double getAllreduceS() { return allreduceS; }
  public void setAllreduceS(double v) { allreduceS = v; }
  public double getStepOverheadS() { return stepOverheadS; }
  public void setStepOverheadS(double v) { stepOverheadS = v; }
  public double getPpHopS() { return ppHopS; }
  public void setPpHopS(double v) { ppHopS = v; }
  /** Activation bytes one token passes between pipeline stages (hidden size x activation bytes). */
  public double getHopBytesPerToken() { return hopBytesPerToken; }
  public void setHopBytesPerToken(double v) { hopBytesPerToken = v; }
  /** Achieved scale-out bandwidth between instances (bytes/s) that pipeline hops pay. */
  public double getScaleOutBytesPerS() { return scaleOutBytesPerS; }
  public void setScaleOutBytesPerS(double v) { scaleOutBytesPerS = v; }
  /** Share of the shorter of a decode kernel's memory and compute times hidden under the longer (1 = roofline max, 0 = add). */
  public double getDecodeOverlap() { return decodeOverlap; }
  public void setDecodeOverlap(double v) { decodeOverlap = v; }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "roofline %s TP%d PP%d: weights %.4g B, KV/seq %.4g B, HBM eff %.4g B/s, decode %.4g FLOP/s, prefill %.4g FLOP/s,"
            + " %.4g FLOP/token, link %.4g B/s, all-reduce %.3g s, step overhead %.3g s",
        gpu, tp, pp, weightBytes, kvBytesPerSeq, hbmBytesPerS, decodeFlopsPerS, prefillFlopsPerS, flopsPerToken,
        linkBytesPerS, allreduceS, stepOverheadS);
  }
}
