package dev.llmcap.model.fact;

/**
 * Which architecture's fitted efficiencies a candidate GPU uses for the weight precision: its own when calibrated,
 * else a borrowed (proxy) architecture's, else the uncalibrated defaults.
 */
public final class EfficiencySource {
  private final String gpu;
  private final String architecture;
  private final boolean calibrated;
  private final String reason;

  public EfficiencySource(String gpu, String architecture, boolean calibrated, String reason) {
    this.gpu = gpu;
    this.architecture = architecture;
    this.calibrated = calibrated;
    this.reason = reason;
  }

  public String getGpu() { return gpu; }
  /** Architecture whose "name@ARCH:PRECISION" assumptions the per-GPU tunables are read from. */
  public String getArchitecture() { return architecture; }
  public boolean isCalibrated() { return calibrated; }
  public String getReason() { return reason; }

  @Override
  public String toString() {
    return (calibrated ? "calibrated " : "uncalibrated ") + gpu + ": efficiencies of " + architecture + " (" + reason + ")";
  }
}
