package dev.llmcap.forecast;

import java.util.Locale;

/**
 * Ordinary least squares line through the history, for short or non-seasonal histories.
 * Interval: {@code sd_h = s * sqrt(1 + 1/n + (x_h - xbar)^2 / Sxx)} with {@code s^2 = SSE/(n-2)},
 * the classical OLS prediction interval (normal quantiles used instead of Student-t).
 */
public final class LinearTrendModel implements ForecastModel {

  @Override
  public String name() {
    return "linear-trend";
  }

  @Override
  public int minimumHistory() {
    return 2;
  }

  @Override
  public FittedModel fit(double[] y) throws ForecastException {
    int n = y.length;
    if (n < 2) {
      throw new ForecastException("linear trend needs at least 2 points, got " + n);
    }
    double xbar = (n - 1) / 2.0;
    double ybar = Stats.mean(y);
    double sxx = 0;
    double sxy = 0;
    for (int t = 0; t < n; t++) {
      sxx += (t - xbar) * (t - xbar);
      sxy += (t - xbar) * (y[t] - ybar);
    }
    double slope = sxy / sxx;
    double intercept = ybar - slope * xbar;
    double sse = 0;
    for (int t = 0; t < n; t++) {
      double r = y[t] - (intercept + slope * t);
      sse += r * r;
    }
    double s = n > 2 ? Math.sqrt(sse / (n - 2)) : 0;
    final double sxxF = sxx;
    return new FittedModel() {
      @Override
      public String name() {
        return "linear-trend";
      }

      @Override
      public double residualSd() {
        return s;
      }

      @Override
      public ModelForecast forecast(int h) {
        double[] mean = new double[h];
        double[] sd = new double[h];
        for (int i = 0; i < h; i++) {
          double x = n + i;
          mean[i] = intercept + slope * x;
          sd[i] = s * Math.sqrt(1 + 1.0 / n + (x - xbar) * (x - xbar) / sxxF);
        }
        return ModelForecast.normal(mean, sd);
      }

      @Override
      public String parameters() {
        return String.format(Locale.ROOT, "intercept=%.4g, slope=%.4g per step, s=%.4g", intercept, slope, s);
      }
    };
  }
}
