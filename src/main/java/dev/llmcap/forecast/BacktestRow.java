package dev.llmcap.forecast;

/**
 * Backtest errors of one candidate model, averaged over the origins it could be evaluated at.
 *
 * @param mape mean absolute percentage error over all test points with a non-zero actual (NaN if
 *     none)
 * @param mase mean over origins of MAE / in-sample seasonal-naive MAE of that origin's training part
 * @param note why the candidate was skipped, or empty
 */
public record BacktestRow(String model, double mape, double mase, double mae, int origins, String note) {

  public boolean evaluated() {
    return origins > 0 && Double.isFinite(mase);
  }
}
