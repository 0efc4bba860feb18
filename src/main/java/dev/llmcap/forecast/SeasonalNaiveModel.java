package dev.llmcap.forecast;

import java.util.Locale;

/**
 * Seasonal naive: the forecast for a step repeats the value one season earlier (with period 1,
 * the last value). Interval: {@code sd_h = sigma * sqrt(k + 1)}, {@code k = floor((h - 1) / m)},
 * where sigma is the RMS of the in-sample seasonal differences {@code y_t - y_{t-m}}.
 */
public final class SeasonalNaiveModel implements ForecastModel {
  private final int period;

  public SeasonalNaiveModel(int period) {
    this.period = Math.max(1, period);
  }

  @Override
  public String name() {
    return period > 1 ? "seasonal-naive(m=" + period + ")" : "naive";
  }

  @Override
  public int minimumHistory() {
    return period + 1;
  }

  @Override
  public FittedModel fit(double[] y) throws ForecastException {
    if (y.length < period) {
      throw new ForecastException(name() + " needs at least " + period + " points, got " + y.length);
    }
    double[] e = new double[Math.max(0, y.length - period)];
    for (int t = period; t < y.length; t++) {
      e[t - period] = y[t] - y[t - period];
    }
    double sigma = Stats.rootMeanSquare(e, 0);
    double[] lastSeason = java.util.Arrays.copyOfRange(y, y.length - period, y.length);
    String name = name();
    return new FittedModel() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public double residualSd() {
        return sigma;
      }

      @Override
      public ModelForecast forecast(int h) {
        double[] mean = new double[h];
        double[] sd = new double[h];
        for (int i = 0; i < h; i++) {
          mean[i] = lastSeason[i % period];
          sd[i] = sigma * Math.sqrt(i / period + 1);
        }
        return ModelForecast.normal(mean, sd);
      }

      @Override
      public String parameters() {
        return String.format(Locale.ROOT, "m=%d, sigma=%.4g", period, sigma);
      }
    };
  }
}
