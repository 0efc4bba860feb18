package dev.llmcap.model.fact;

/**
 * What the forecast command asks of the scenario rules: the scenario to plan for and the spike settings (null fields
 * fall back to the forecast.* assumptions; a null spike start means "at the baseline peak").
 */
public final class ScenarioRequest {
  private final String scenario;
  private final String unit;
  private final long intervalSeconds;
  private final Double spikeMultiplier;
  private final Integer spikeStart;
  private final Integer spikePeriods;
  private final Double spikeDurationSeconds;

  public ScenarioRequest(String scenario, String unit, long intervalSeconds, Double spikeMultiplier, Integer spikeStart,
      Integer spikePeriods, Double spikeDurationSeconds) {
    this.scenario = scenario;
    this.unit = unit == null ? "" : unit;
    this.intervalSeconds = intervalSeconds;
    this.spikeMultiplier = spikeMultiplier;
    this.spikeStart = spikeStart;
    this.spikePeriods = spikePeriods;
    this.spikeDurationSeconds = spikeDurationSeconds;
  }

  /** baseline, optimistic, pessimistic or spike. */
  public String getScenario() { return scenario; }
  /** Unit of the forecast values. */
  public String getUnit() { return unit; }
  /** Length of one forecast period, seconds. */
  public long getIntervalSeconds() { return intervalSeconds; }
  /** Spike factor from the command line, or null. */
  public Double getSpikeMultiplier() { return spikeMultiplier; }
  /** First spiked period index from the command line, or null (at the baseline peak). */
  public Integer getSpikeStart() { return spikeStart; }
  /** Spike length in periods from the command line, or null. */
  public Integer getSpikePeriods() { return spikePeriods; }
  /** Spike length as a duration from the command line, seconds, or null. */
  public Double getSpikeDurationSeconds() { return spikeDurationSeconds; }

  @Override
  public String toString() {
    return "scenario request " + scenario + " (spike x" + spikeMultiplier + ", start " + spikeStart + ", periods "
        + spikePeriods + ", duration " + spikeDurationSeconds + " s)";
  }
}
