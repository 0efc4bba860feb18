package dev.llmcap.model.fact;

import java.util.Locale;

/**
 * Seconds of one training step of a layout, term by term, as the training rules computed them: compute (GEMMs and
 * attention), the memory-bound element-wise kernels, the MoE
 * load-imbalance excess, exposed tensor-parallel, context-parallel and expert all-to-all communication, the pipeline
 * bubble and point-to-point sends, the data-parallel gradient sync and ZeRO-3 parameter gathers (raw and the part not
 * hidden behind compute), the fixed per-step overhead (optimizer step, gradient clipping, synchronisation), and the total.
 */
public record StepTime(double compute, double elementwise, double imbalance, double tp, double cp, double ep, double bubble, double p2p,
    double dpRaw, double dp, double zeroRaw, double zero, double overhead, double total) {

  /** Term names in display order, matching {@link #terms()}. */
  public static final String[] NAMES = {"compute", "memory_bound_ops", "moe_imbalance", "tensor_parallel", "context_parallel", "expert_all_to_all",
      "pipeline_bubble", "pipeline_p2p", "data_parallel_sync", "zero3_gathers", "step_overhead"};

  /** The terms that add up to the total, in the order of {@link #NAMES}. */
  public double[] terms() {
    return new double[] {compute, elementwise, imbalance, tp, cp, ep, bubble, p2p, dp, zero, overhead};
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.3f s (compute %.3f, memory-bound %.3f, imbalance %.3f, TP %.3f, CP %.3f, EP %.3f, bubble %.3f, p2p %.3f, DP %.3f of %.3f,"
        + " ZeRO-3 %.3f of %.3f, overhead %.3f)", total, compute, elementwise, imbalance, tp, cp, ep, bubble, p2p, dp, dpRaw, zero, zeroRaw, overhead);
  }
}
