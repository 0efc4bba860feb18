package dev.llmcap.forecast;

/** Accuracy measures: MAE, MAPE and MASE (Hyndman & Koehler 2006). */
public final class ForecastErrors {
  private ForecastErrors() {}

  public static double mae(double[] actual, double[] forecast) {
    double s = 0;
    for (int i = 0; i < actual.length; i++) {
      s += Math.abs(actual[i] - forecast[i]);
    }
    return s / actual.length;
  }

  /** Mean absolute percentage error over points with a non-zero actual; NaN if there are none. */
  public static double mape(double[] actual, double[] forecast) {
    double s = 0;
    int n = 0;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] != 0) {
        s += Math.abs((actual[i] - forecast[i]) / actual[i]);
        n++;
      }
    }
    return n == 0 ? Double.NaN : 100 * s / n;
  }

  /** In-sample MAE of the seasonal-naive method with lag {@code m} (lag 1 when m < 2). */
  public static double seasonalNaiveScale(double[] train, int m) {
    int lag = Math.max(1, m);
    if (train.length <= lag) {
      lag = 1;
    }
    double s = 0;
    int n = 0;
    for (int t = lag; t < train.length; t++) {
      s += Math.abs(train[t] - train[t - lag]);
      n++;
    }
    return n == 0 ? 0 : s / n;
  }

  /**
   * MAE divided by the seasonal-naive scale. A zero scale (flat training data) gives 0 when the
   * forecast is exact and +infinity otherwise.
   */
  public static double mase(double[] actual, double[] forecast, double scale) {
    double mae = mae(actual, forecast);
    if (scale > 0) {
      return mae / scale;
    }
    return mae == 0 ? 0 : Double.POSITIVE_INFINITY;
  }
}
