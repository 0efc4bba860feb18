package dev.llmcap.model.fact;

/**
 * The inputs of the training layout search on one GPU type, gathered by a rule so the layout functions take one
 * argument: model-state totals, activations, runtime overhead, usable memory, node size, allowed TP/PP degrees and the
 * batch limits. Holds values only; the rules and their functions do the arithmetic.
 */
public record TrainingMemoryModel(String gpu, int perNode, int layers, int maxGpus, String tpSizes, String ppSizes, int microBatch,
    int globalBatch, double weightsGb, double gradientsGb, double optimizerGb, double activationsGb, double overheadGb,
    double usableGb) {

  @Override
  public String toString() {
    return "training memory model " + gpu + ": weights " + weightsGb + " GB, gradients " + gradientsGb + " GB, optimizer "
        + optimizerGb + " GB, activations " + activationsGb + " GB, runtime " + overheadGb + " GB, usable " + usableGb + " GB";
  }
}
