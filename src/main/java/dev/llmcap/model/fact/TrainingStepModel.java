package dev.llmcap.model.fact;

/**
 * The inputs of the training step-time model on one GPU type, gathered by a rule so the layout functions take one
 * argument: fast-link domain and bandwidths, the model's shape, FLOPs per token, compute efficiency, the memory-bound
 * element-wise seconds per token (and the part each tensor-parallel rank repeats without sequence parallelism), the overlap and
 * MoE assumptions, the layout degrees considered and a fixed layout when the user gave one. Holds values only; the
 * training rules and their functions do the arithmetic.
 */
public record TrainingStepModel(String gpu, int fastDomain, double fastGBps, double scaleOutGBps, double collectiveLatencyS, double ringStepLatencyS,
    int hidden, int heads, int kvHeads, int headDim, int layers, int moeLayers, int experts, int topK, int seq,
    double flopsPerToken, double modelFlopsPerToken, double peakTflops, double efficiency, double elementwiseSecondsPerToken, double elementwiseTpRepeatSecondsPerToken, boolean recompute,
    double activationBytes, double expertParamFraction, double expertComputeFraction, double imbalance, double moeNodeLimit, double moeGemmHalfTokens,
    double tpOverlap, double dpOverlap, double zeroOverlap, double cpOverlap, double epOverlap, double ppOverlap, double stepOverheadS,
    String vpSizes, String cpSizes, int cpMinTokens, String fixedLayout) {

  /** Whether the model routes tokens to experts. */
  public boolean moe() {
    return experts > 0;
  }

  @Override
  public String toString() {
    return "training step model " + gpu + ": fast link " + fastGBps + " GB/s within " + fastDomain + " GPUs, scale-out " + scaleOutGBps
        + " GB/s per GPU, " + peakTflops + " TFLOP/s x " + efficiency + (fixedLayout.isEmpty() ? "" : ", fixed layout " + fixedLayout);
  }
}
