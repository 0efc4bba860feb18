package dev.llmcap.forecast;

import java.time.Duration;

/**
 * Forecast settings (the ForecastConfig data model). The horizon is taken from, in order:
 * {@code horizonPeriods}, {@code horizonDays}, {@code horizonMonths} (calendar months from the last
 * observation); with none set, 30 days. {@code seasonalPeriod} null means detect from the interval.
 *
 * @param spikeMultiplier factor applied to load during a spike (scenario {@code spike}), >= 1
 * @param spikeDuration how long a spike lasts
 * @param varianceThresholdPct mean absolute % deviation of actuals from forecast that triggers a
 *     re-plan
 * @param backtestOrigins rolling-origin backtest origins
 * @param backtestHorizon steps per origin; null means one season (or a quarter of the history when
 *     non-seasonal)
 * @param nonNegative clip forecasts and bounds at zero (true for rates and costs)
 * @param maxEvaluations cap on optimiser evaluations per Holt-Winters fit
 */
public record ForecastConfig(
    Integer horizonPeriods,
    Integer horizonDays,
    Integer horizonMonths,
    Integer seasonalPeriod,
    Scenario scenario,
    double spikeMultiplier,
    Duration spikeDuration,
    double varianceThresholdPct,
    int backtestOrigins,
    Integer backtestHorizon,
    boolean nonNegative,
    int maxEvaluations) {

  /** Default horizon when none is given. */
  public static final int DEFAULT_HORIZON_DAYS = 30;

  public ForecastConfig {
    if (scenario == null) {
      scenario = Scenario.BASELINE;
    }
    if (spikeDuration == null) {
      spikeDuration = Duration.ofHours(1);
    }
    if (spikeMultiplier < 1) {
      throw new IllegalArgumentException("spike multiplier must be >= 1, got " + spikeMultiplier);
    }
    if (varianceThresholdPct <= 0) {
      throw new IllegalArgumentException("variance threshold must be > 0 %, got " + varianceThresholdPct);
    }
    if (backtestOrigins < 1) {
      throw new IllegalArgumentException("backtest origins must be >= 1");
    }
    for (Integer v : new Integer[] {horizonPeriods, horizonDays, horizonMonths, backtestHorizon}) {
      if (v != null && v < 1) {
        throw new IllegalArgumentException("horizons must be >= 1, got " + v);
      }
    }
    if (seasonalPeriod != null && seasonalPeriod < 1) {
      throw new IllegalArgumentException("seasonal period must be >= 1, got " + seasonalPeriod);
    }
  }

  /** Defaults: 30-day horizon, detected period, baseline, spike x2 for 1 h, 10 % threshold, 3 origins. */
  public static ForecastConfig defaults() {
    return new ForecastConfig(null, null, null, null, Scenario.BASELINE, 2.0, Duration.ofHours(1), 10.0, 3,
        null, true, HoltWintersModel.DEFAULT_MAX_EVALUATIONS);
  }

  public ForecastConfig withHorizonPeriods(int periods) {
    return new ForecastConfig(periods, null, null, seasonalPeriod, scenario, spikeMultiplier, spikeDuration,
        varianceThresholdPct, backtestOrigins, backtestHorizon, nonNegative, maxEvaluations);
  }

  public ForecastConfig withHorizonDays(int days) {
    return new ForecastConfig(null, days, null, seasonalPeriod, scenario, spikeMultiplier, spikeDuration,
        varianceThresholdPct, backtestOrigins, backtestHorizon, nonNegative, maxEvaluations);
  }

  public ForecastConfig withHorizonMonths(int months) {
    return new ForecastConfig(null, null, months, seasonalPeriod, scenario, spikeMultiplier, spikeDuration,
        varianceThresholdPct, backtestOrigins, backtestHorizon, nonNegative, maxEvaluations);
  }

  public ForecastConfig withSeasonalPeriod(Integer period) {
    return new ForecastConfig(horizonPeriods, horizonDays, horizonMonths, period, scenario, spikeMultiplier,
        spikeDuration, varianceThresholdPct, backtestOrigins, backtestHorizon, nonNegative, maxEvaluations);
  }

  public ForecastConfig withScenario(Scenario s, double multiplier, Duration duration) {
    return new ForecastConfig(horizonPeriods, horizonDays, horizonMonths, seasonalPeriod, s, multiplier, duration,
        varianceThresholdPct, backtestOrigins, backtestHorizon, nonNegative, maxEvaluations);
  }

  public ForecastConfig withBacktest(int origins, Integer horizon) {
    return new ForecastConfig(horizonPeriods, horizonDays, horizonMonths, seasonalPeriod, scenario, spikeMultiplier,
        spikeDuration, varianceThresholdPct, origins, horizon, nonNegative, maxEvaluations);
  }

  public ForecastConfig withVarianceThresholdPct(double pct) {
    return new ForecastConfig(horizonPeriods, horizonDays, horizonMonths, seasonalPeriod, scenario, spikeMultiplier,
        spikeDuration, pct, backtestOrigins, backtestHorizon, nonNegative, maxEvaluations);
  }

  public ForecastConfig withNonNegative(boolean value) {
    return new ForecastConfig(horizonPeriods, horizonDays, horizonMonths, seasonalPeriod, scenario, spikeMultiplier,
        spikeDuration, varianceThresholdPct, backtestOrigins, backtestHorizon, value, maxEvaluations);
  }

  /** Horizon converted to steps of {@code interval}, counted from {@code last}. */
  public int horizonSteps(Duration interval, java.time.Instant last) {
    if (horizonPeriods != null) {
      return horizonPeriods;
    }
    Duration span;
    if (horizonDays != null) {
      span = Duration.ofDays(horizonDays);
    } else if (horizonMonths != null) {
      var start = last.atZone(java.time.ZoneOffset.UTC);
      span = Duration.between(start, start.plusMonths(horizonMonths));
    } else {
      span = Duration.ofDays(DEFAULT_HORIZON_DAYS);
    }
    return (int) Math.max(1, span.toMillis() / interval.toMillis());
  }
}
