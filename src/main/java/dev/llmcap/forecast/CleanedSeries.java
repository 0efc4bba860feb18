package dev.llmcap.forecast;

import java.time.Duration;

/**
 * A regular series after {@link SeriesCleaner}: values on a fixed grid, which points were imputed
 * or flagged as outliers, and the report of what was done.
 */
public record CleanedSeries(
    TimeSeries series, Duration interval, boolean[] imputed, boolean[] outlier, CleaningReport report) {

  public int size() {
    return series.size();
  }
}
