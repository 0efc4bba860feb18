package dev.llmcap.model.fact;

/**
 * The inputs of the training layout search on one GPU type, gathered by a rule so the layout functions take one
 * argument: model-state totals, activations, runtime overhead, the transient of loading the model (per GPU, on top of
 * its weights), usable memory, node size, allowed TP/PP degrees, the batch limits and the step-time model. Holds values only; the rules and their functions do the arithmetic.
 */
public record TrainingMemoryModel(String gpu, int perNode, int layers, int maxGpus, String tpSizes, String ppSizes, int microBatch,
    int globalBatch, double weightsGb, double gradientsGb, double optimizerGb, double activationsGb, double overheadGb,
    double loadTransientGb, double usableGb, TrainingStepModel step) {

  @Override
  public String toString() {
    return "training memory model " + gpu + ": weights " + weightsGb + " GB, gradients " + gradientsGb + " GB, optimizer "
        + optimizerGb + " GB, activations " + activationsGb + " GB, runtime " + overheadGb + " GB, load transient " + loadTransientGb
        + " GB, usable " + usableGb + " GB";
  }
}
