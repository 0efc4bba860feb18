package dev.llmcap.model.fact;

/**
 * The inputs of the expected wall clock on one GPU type, gathered by a rule so the deadline sizing can weigh each
 * candidate cluster with its own goodput: failure rate per GPU-hour, full-state checkpoint size, checkpoint write
 * bandwidth per node, restart time and production efficiency. Holds values only; the rules and their functions do the
 * arithmetic.
 */
public record TrainingGoodputModel(String gpu, double failuresPerGpuHour, double checkpointGb, double writeGbPerSecondPerNode,
    double restartHours, double productionEfficiency) {

  @Override
  public String toString() {
    return "training goodput model " + gpu + ": " + failuresPerGpuHour + " failures per GPU-hour, checkpoint " + checkpointGb + " GB at "
        + writeGbPerSecondPerNode + " GB/s per node, restart " + restartHours + " h, production efficiency " + productionEfficiency;
  }
}
