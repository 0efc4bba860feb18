package dev.llmcap.forecast;

import java.time.Duration;

/**
 * Picks the seasonal period (in steps) for a sampling interval: sub-daily intervals that divide a
 * day get a daily season (30 min gives 48, 5 min gives 288, hourly 24), daily data a weekly one
 * (7); anything else none.
 */
public final class SeasonalPeriods {
  private static final long DAY = Duration.ofDays(1).toSeconds();

  private SeasonalPeriods() {}

  /** The detected period, or 1 (no seasonality) when the interval has no natural season. */
  public static int forInterval(Duration interval) {
    if (interval == null) {
      return 1;
    }
    long s = interval.toSeconds();
    if (s <= 0) {
      return 1;
    }
    if (s < DAY && DAY % s == 0) {
      return (int) (DAY / s);
    }
    if (s == DAY) {
      return 7;
    }
    return 1;
  }
}
