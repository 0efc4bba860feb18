package dev.llmcap.model.fact;

import java.util.Locale;

/**
 * One way to lay a training run out on a cluster of one GPU type: GPUs, tensor x pipeline x data parallel degrees, ZeRO
 * stage, and the per-GPU memory the training rules computed for it: the model states, activations and runtime of a
 * training step, and the peak while the model loads (its weights plus the load transient). Only layouts that fit are
 * inserted.
 */
public final class TrainingLayout {
  private final String gpu;
  private final int gpus;
  private final int tp;
  private final int pp;
  private final int vp;
  private final int cp;
  private final int ep;
  private final int zero;
  private final double weightsGb;
  private final double gradientsGb;
  private final double optimizerGb;
  private final double activationsGb;
  private final double overheadGb;
  private final double stepGb;
  private final double loadPeakGb;
  private final double usableGb;
  private final boolean keepsBatch;
  private final StepTime step;

  public TrainingLayout(String gpu, int gpus, int tp, int pp, int vp, int cp, int ep, int zero, double weightsGb, double gradientsGb,
      double optimizerGb, double activationsGb, double overheadGb, double stepGb, double loadPeakGb, double usableGb, boolean keepsBatch,
      StepTime step) {
    this.vp = vp;
    this.cp = cp;
    this.ep = ep;
    this.step = step;
    this.keepsBatch = keepsBatch;
    this.gpu = gpu;
    this.gpus = gpus;
    this.tp = tp;
    this.pp = pp;
    this.zero = zero;
    this.weightsGb = weightsGb;
    this.gradientsGb = gradientsGb;
    this.optimizerGb = optimizerGb;
    this.activationsGb = activationsGb;
    this.overheadGb = overheadGb;
    this.stepGb = stepGb;
    this.loadPeakGb = loadPeakGb;
    this.usableGb = usableGb;
  }

  public String getGpu() { return gpu; }
  public int getGpus() { return gpus; }
  public int getTp() { return tp; }
  public int getPp() { return pp; }
  /** Virtual pipeline stages per GPU (interleaved schedule; 1 = plain 1F1B). */
  public int getVp() { return vp; }
  /** Context-parallel degree (the sequence split over this many GPUs). */
  public int getCp() { return cp; }
  /** Expert-parallel degree (1 for dense models); carved out of the data-parallel group. */
  public int getEp() { return ep; }
  /** Data-parallel degree: GPUs / (TP x PP x CP). */
  public int getDp() { return gpus / (tp * pp * cp); }
  /** Seconds of one training step, term by term (computed by the training rules). */
  public StepTime getStep() { return step; }
  /** Seconds of one training step. */
  public double getStepSeconds() { return step.total(); }
  /** ZeRO stage: 0 none, 1 optimizer states, 2 + gradients, 3 + weights (FSDP full shard). */
  public int getZero() { return zero; }
  public double getWeightsGb() { return weightsGb; }
  public double getGradientsGb() { return gradientsGb; }
  public double getOptimizerGb() { return optimizerGb; }
  public double getActivationsGb() { return activationsGb; }
  public double getOverheadGb() { return overheadGb; }
  public double getUsableGb() { return usableGb; }
  /** Per-GPU memory while the model loads: its weights plus the load transient (computed by the training rules). */
  public double getLoadPeakGb() { return loadPeakGb; }
  /** Per-GPU memory of a training step (computed by the training rules). */
  public double getTotalGb() { return stepGb; }
  /** Whether micro batch x DP divides the global batch, so the global batch is kept as given. */
  public boolean isKeepsBatch() { return keepsBatch; }

  /** Human name of the sharding: none, ZeRO-1, ZeRO-2, ZeRO-3 (FSDP). */
  public String getSharding() {
    switch (zero) {
      case 0: return "none";
      case 3: return "ZeRO-3 (FSDP full shard)";
      default: return "ZeRO-" + zero;
    }
  }

  @Override
  public String toString() {
    String memory = loadPeakGb > getTotalGb()
        ? String.format(Locale.ROOT, "%.2f GB at model load (%.2f GB per training step)", loadPeakGb, getTotalGb())
        : String.format(Locale.ROOT, "%.2f GB", getTotalGb());
    return String.format(Locale.ROOT, "training layout %s x%d %s %s: %s of %.2f GB, step %.3f s", gpu, gpus, getName(),
        getSharding(), memory, usableGb, step.total());
  }

  /** The layout as the --layout flag spells it: TP8,PP16,DP64 with VP, CP and EP when not 1, and the ZeRO stage. */
  public String getName() {
    StringBuilder sb = new StringBuilder("TP" + tp + ",PP" + pp);
    if (vp > 1) { sb.append(",VP").append(vp); }
    if (cp > 1) { sb.append(",CP").append(cp); }
    if (ep > 1) { sb.append(",EP").append(ep); }
    sb.append(",DP").append(getDp()).append(",ZERO").append(zero);
    return sb.toString();
  }
}
