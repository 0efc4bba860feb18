package dev.llmcap.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Forecasts a cleaned history: settles the seasonal period (explicit, or from the interval;
 * non-seasonal when the history holds fewer than two seasons), backtests the candidate models,
 * refits the one with the lowest MASE on the whole history and forecasts the horizon with 80% and
 * 95% intervals. Seasonal candidates: seasonal-naive, additive and (for positive data)
 * multiplicative damped Holt-Winters; for sub-daily data with a detected period and at least two
 * weeks of history, also weekly seasonal-naive and additive Holt-Winters. Non-seasonal: naive,
 * damped Holt and a linear trend. The backtest's MASE is always scaled by the seasonal-naive MAE
 * at the primary period.
 */
public final class Forecaster {
  /** Fewest points a forecast is attempted from. */
  public static final int MINIMUM_POINTS = 3;

  public ForecastResult forecast(CleanedSeries history, ForecastConfig config) throws ForecastException {
    TimeSeries series = history.series();
    int n = series.size();
    if (n < MINIMUM_POINTS) {
      throw new ForecastException("cannot forecast from " + n + " point" + (n == 1 ? "" : "s")
          + ": at least " + MINIMUM_POINTS + " regularly spaced observations are needed");
    }
    Duration interval = history.interval();
    double[] y = series.values();
    for (double v : y) {
      if (!Double.isFinite(v)) {
        throw new ForecastException("history contains a non-finite value; clean it with SeriesCleaner first");
      }
    }
    List<String> notes = new ArrayList<>();
    int period = config.seasonalPeriod() != null ? config.seasonalPeriod() : SeasonalPeriods.forInterval(interval);
    if (config.seasonalPeriod() == null) {
      notes.add("seasonal period " + period + " detected from the " + interval + " interval");
    }
    if (period > 1 && n < 2 * period + 2) {
      notes.add(String.format(Locale.ROOT,
          "history of %d points is shorter than two seasons of %d (+2): falling back to non-seasonal models "
              + "(naive, damped Holt, linear trend)", n, period));
      period = 1;
    }
    Instant last = series.time(n - 1);
    int h = config.horizonSteps(interval, last);
    List<ForecastModel> candidates = candidates(period, y, config.maxEvaluations());
    int week = (int) (Duration.ofDays(7).toMillis() / interval.toMillis());
    boolean subDaily = interval.compareTo(Duration.ofDays(1)) < 0 && Duration.ofDays(7).toMillis() % interval.toMillis() == 0;
    if (config.seasonalPeriod() == null && period > 1 && subDaily && week != period && n >= 2 * week + 2) {
      candidates.add(new SeasonalNaiveModel(week));
      candidates.add(new HoltWintersModel(HoltWintersModel.Seasonality.ADDITIVE, week, config.maxEvaluations()));
      notes.add("history holds two weeks or more: weekly-season candidates (m=" + week + ") also backtested");
    }
    int btHorizon = config.backtestHorizon() != null ? config.backtestHorizon()
        : period > 1 ? period : Math.max(1, Math.min(h, n / 4));
    int origins = config.backtestOrigins();
    int minTrain = candidates.stream().mapToInt(ForecastModel::minimumHistory).min().orElse(2);
    while (origins > 1 && n - origins * btHorizon < minTrain) {
      origins--;
    }
    while (btHorizon > 1 && n - origins * btHorizon < minTrain) {
      btHorizon = Math.max(1, btHorizon / 2);
    }
    if (origins < config.backtestOrigins() || (config.backtestHorizon() != null && btHorizon < config.backtestHorizon())) {
      notes.add("short history: backtest reduced to " + origins + " origin(s) of " + btHorizon + " steps");
    }
    BacktestTable table;
    ForecastModel chosen;
    if (n - origins * btHorizon < minTrain) {
      chosen = new LinearTrendModel();
      table = new BacktestTable(0, 0, period,
          List.of(new BacktestRow(chosen.name(), Double.NaN, Double.NaN, Double.NaN, 0,
              "history too short to backtest")), chosen.name());
      notes.add("history too short to backtest: using a linear trend");
    } else {
      table = new Backtester(origins, btHorizon, period).run(y, candidates);
      chosen = candidates.stream().filter(c -> c.name().equals(table.chosen())).findFirst().orElseThrow();
    }
    FittedModel fit = chosen.fit(y);
    ModelForecast fc = fit.forecast(h);
    List<ForecastPoint> points = new ArrayList<>(h);
    double peak = Double.NEGATIVE_INFINITY;
    double peakUpper = Double.NEGATIVE_INFINITY;
    Instant peakTime = null;
    for (int i = 0; i < h; i++) {
      Instant t = last.plus(interval.multipliedBy(i + 1L));
      ForecastPoint p = new ForecastPoint(t, clip(fc.mean()[i], config), clip(fc.lower80()[i], config),
          clip(fc.upper80()[i], config), clip(fc.lower95()[i], config), clip(fc.upper95()[i], config));
      points.add(p);
      if (p.baseline() > peak) {
        peak = p.baseline();
        peakTime = t;
      }
      peakUpper = Math.max(peakUpper, p.upper95());
    }
    return new ForecastResult(points, interval, period, chosen.name(), fit.parameters(), table, peak, peakTime,
        peakUpper, history.report(), config, notes);
  }

  private static double clip(double v, ForecastConfig config) {
    return config.nonNegative() ? Math.max(0, v) : v;
  }

  /** Candidates in order of simplicity (ties in the backtest go to the simpler). */
  static List<ForecastModel> candidates(int period, double[] y, int maxEvaluations) {
    List<ForecastModel> list = new ArrayList<>();
    if (period > 1) {
      list.add(new SeasonalNaiveModel(period));
      list.add(new HoltWintersModel(HoltWintersModel.Seasonality.ADDITIVE, period, maxEvaluations));
      boolean positive = true;
      for (double v : y) {
        positive &= v > 0;
      }
      if (positive) {
        list.add(new HoltWintersModel(HoltWintersModel.Seasonality.MULTIPLICATIVE, period, maxEvaluations));
      }
    } else {
      list.add(new SeasonalNaiveModel(1));
      list.add(new LinearTrendModel());
      list.add(new HoltWintersModel(HoltWintersModel.Seasonality.NONE, 1, maxEvaluations));
    }
    return list;
  }
}
