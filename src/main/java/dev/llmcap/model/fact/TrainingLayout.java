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

  public TrainingLayout(String gpu, int gpus, int tp, int pp, int zero, double weightsGb, double gradientsGb, double optimizerGb,
      double activationsGb, double overheadGb, double stepGb, double loadPeakGb, double usableGb, boolean keepsBatch) {
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
  /** Data-parallel degree: GPUs / (TP x PP). */
  public int getDp() { return gpus / (tp * pp); }
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
    return String.format(Locale.ROOT, "training layout %s x%d TP%d PP%d DP%d %s: %s of %.2f GB", gpu, gpus, tp, pp, getDp(),
        getSharding(), memory, usableGb);
  }
}
