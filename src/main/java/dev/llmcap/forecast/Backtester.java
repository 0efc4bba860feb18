package dev.llmcap.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rolling-origin evaluation: for origin k = 1..K the candidates are fitted on all values before
 * {@code n - (K - k + 1) * h} and forecast the next {@code h}. Origins whose training part is too
 * short for a candidate are skipped for that candidate. The candidate with the lowest mean MASE
 * wins; ties go to the earlier candidate in the list (put the simplest first).
 */
public final class Backtester {
  private final int origins;
  private final int horizon;
  private final int seasonalPeriod;

  /**
   * @param origins number of forecast origins (e.g. 3)
   * @param horizon steps forecast from each origin (e.g. one season)
   * @param seasonalPeriod lag of the seasonal-naive MASE scale (1 for non-seasonal)
   */
  public Backtester(int origins, int horizon, int seasonalPeriod) {
    if (origins < 1 || horizon < 1) {
      throw new IllegalArgumentException("origins and horizon must be >= 1");
    }
    this.origins = origins;
    this.horizon = horizon;
    this.seasonalPeriod = Math.max(1, seasonalPeriod);
  }

  public BacktestTable run(double[] y, List<ForecastModel> candidates) throws ForecastException {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no candidate models");
    }
    List<BacktestRow> rows = new ArrayList<>();
    for (ForecastModel model : candidates) {
      rows.add(evaluate(y, model));
    }
    BacktestRow best = null;
    for (BacktestRow r : rows) {
      if (r.evaluated() && (best == null || r.mase() < best.mase())) {
        best = r;
      }
    }
    if (best == null) {
      throw new ForecastException("no candidate model could be backtested on " + y.length
          + " points with " + origins + " origin(s) of " + horizon + " steps: " + rows);
    }
    return new BacktestTable(origins, horizon, seasonalPeriod, rows, best.model());
  }

  private BacktestRow evaluate(double[] y, ForecastModel model) {
    double maseSum = 0;
    double maeSum = 0;
    double apeSum = 0;
    int apeCount = 0;
    int used = 0;
    String note = "";
    for (int k = origins; k >= 1; k--) {
      int end = y.length - k * horizon;
      if (end < model.minimumHistory()) {
        note = "skipped origin(s): training part shorter than " + model.minimumHistory();
        continue;
      }
      double[] train = Arrays.copyOfRange(y, 0, end);
      double[] test = Arrays.copyOfRange(y, end, end + horizon);
      double[] fc;
      try {
        fc = model.fit(train).forecast(horizon).mean();
      } catch (ForecastException e) {
        note = e.getMessage();
        continue;
      }
      double scale = ForecastErrors.seasonalNaiveScale(train, seasonalPeriod);
      maseSum += ForecastErrors.mase(test, fc, scale);
      maeSum += ForecastErrors.mae(test, fc);
      for (int i = 0; i < test.length; i++) {
        if (test[i] != 0) {
          apeSum += Math.abs((test[i] - fc[i]) / test[i]);
          apeCount++;
        }
      }
      used++;
    }
    if (used == 0) {
      return new BacktestRow(model.name(), Double.NaN, Double.NaN, Double.NaN, 0, note);
    }
    return new BacktestRow(model.name(), apeCount == 0 ? Double.NaN : 100 * apeSum / apeCount,
        maseSum / used, maeSum / used, used, note);
  }
}
