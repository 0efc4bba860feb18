package dev.llmcap.forecast;

import java.util.Locale;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Holt-Winters exponential smoothing with damped trend and additive, multiplicative or no
 * seasonality (component form, Hyndman & Athanasopoulos, FPP3 section 8.3). The smoothing
 * parameters alpha, beta, gamma and the damping phi are fitted by minimising the in-sample
 * one-step-ahead sum of squared errors with BOBYQA inside bounds (alpha, gamma in [1e-4, 0.9999],
 * beta in [1e-4, 0.5], phi in [0.8, 0.98]), capped at a number of evaluations.
 *
 * <p>Initial states: level = mean of the first season, trend = (mean of the second season - mean
 * of the first) / m, seasonal indices = first-season values minus (or divided by) that level.
 *
 * <p>Prediction intervals use the ETS class-1 variance (Hyndman et al. 2008, table 6.1):
 * {@code sd_h = sigma * sqrt(1 + sum_{j=1}^{h-1} c_j^2)} with {@code c_j = alpha (1 + beta phi_j)
 * + gamma (1 - alpha) [j mod m = 0]} and {@code phi_j = phi + ... + phi^j}, sigma the in-sample
 * one-step residual standard deviation. For multiplicative seasonality sigma is the relative
 * residual sd and {@code sd_h} is scaled by the point forecast (an approximation).
 */
public final class HoltWintersModel implements ForecastModel {

  /** Form of the seasonal component. */
  public enum Seasonality {
    NONE,
    ADDITIVE,
    MULTIPLICATIVE
  }

  /** Default cap on objective evaluations per fit. */
  public static final int DEFAULT_MAX_EVALUATIONS = 400;

  private static final double[] LOWER = {1e-4, 1e-4, 1e-4, 0.8};
  private static final double[] UPPER = {0.9999, 0.5, 0.9999, 0.98};
  private static final double[] START = {0.3, 0.02, 0.1, 0.95};

  private final Seasonality seasonality;
  private final int period;
  private final int maxEvaluations;

  public HoltWintersModel(Seasonality seasonality, int period) {
    this(seasonality, period, DEFAULT_MAX_EVALUATIONS);
  }

  public HoltWintersModel(Seasonality seasonality, int period, int maxEvaluations) {
    if (seasonality != Seasonality.NONE && period < 2) {
      throw new IllegalArgumentException("seasonal Holt-Winters needs a period >= 2, got " + period);
    }
    this.seasonality = seasonality;
    this.period = seasonality == Seasonality.NONE ? 1 : period;
    this.maxEvaluations = Math.max(50, maxEvaluations);
  }

  @Override
  public String name() {
    return switch (seasonality) {
      case NONE -> "holt-damped";
      case ADDITIVE -> "holt-winters-additive-damped(m=" + period + ")";
      case MULTIPLICATIVE -> "holt-winters-multiplicative-damped(m=" + period + ")";
    };
  }

  @Override
  public int minimumHistory() {
    return seasonality == Seasonality.NONE ? 4 : 2 * period + 2;
  }

  @Override
  public FittedModel fit(double[] y) throws ForecastException {
    if (y.length < minimumHistory()) {
      throw new ForecastException(
          name() + " needs at least " + minimumHistory() + " points, got " + y.length);
    }
    if (seasonality == Seasonality.MULTIPLICATIVE) {
      for (double v : y) {
        if (!(v > 0)) {
          throw new ForecastException(name() + " needs all values > 0");
        }
      }
    }
    int dim = seasonality == Seasonality.NONE ? 3 : 4;
    double[] lo = bounds(LOWER, dim);
    double[] hi = bounds(UPPER, dim);
    double[] x0 = bounds(START, dim);
    double[] best = x0.clone();
    double[] bestSse = {run(y, full(x0), null).sse};
    ObjectiveFunction objective =
        new ObjectiveFunction(
            x -> {
              double sse = run(y, full(x), null).sse;
              if (sse < bestSse[0]) {
                bestSse[0] = sse;
                System.arraycopy(x, 0, best, 0, dim);
              }
              return sse;
            });
    if (bestSse[0] > 0) {
      try {
        new BOBYQAOptimizer(2 * dim + 1, 0.05, 1e-6)
            .optimize(new MaxEval(maxEvaluations), objective, GoalType.MINIMIZE,
                new InitialGuess(x0), new SimpleBounds(lo, hi));
      } catch (TooManyEvaluationsException e) {
        // keep the best point seen within the evaluation budget
      }
    }
    double[] p = full(best);
    State s = run(y, p, new double[y.length]);
    if (!Double.isFinite(s.sse) || s.sse >= Double.MAX_VALUE) {
      throw new ForecastException(name() + " could not be fitted (states left the valid range)");
    }
    int errors = s.count;
    double sigma = Stats.rootMeanSquare(s.errors, dim);
    if (errors <= dim) {
      sigma = Stats.rootMeanSquare(s.errors, 0);
    }
    return new Fitted(p, s, sigma);
  }

  private static double[] bounds(double[] src, int dim) {
    return dim == 4 ? src.clone() : new double[] {src[0], src[1], src[3]};
  }

  /** Expands an optimiser point to (alpha, beta, gamma, phi). */
  private double[] full(double[] x) {
    return x.length == 4 ? x.clone() : new double[] {x[0], x[1], 0, x[2]};
  }

  /** States after the last observation and the one-step errors. */
  private static final class State {
    double level;
    double trend;
    double[] season;
    double sse;
    int count;
    double[] errors;
  }

  /**
   * Runs the smoothing recursions. {@code errorsOut}, when given, receives the one-step errors
   * (relative errors for multiplicative seasonality; NaN where no forecast was made).
   */
  private State run(double[] y, double[] p, double[] errorsOut) {
    double a = p[0];
    double b = p[1];
    double g = p[2];
    double phi = p[3];
    int n = y.length;
    int m = period;
    State st = new State();
    double level;
    double trend;
    double[] season = new double[m];
    int start;
    if (seasonality == Seasonality.NONE) {
      level = y[0];
      int k = Math.min(n - 1, 4);
      trend = (y[k] - y[0]) / k;
      start = 1;
    } else {
      level = Stats.mean(y, 0, m);
      trend = (Stats.mean(y, m, 2 * m) - level) / m;
      for (int i = 0; i < m; i++) {
        season[i] = seasonality == Seasonality.ADDITIVE ? y[i] - level : y[i] / level;
      }
      start = 0;
    }
    double sse = 0;
    int count = 0;
    if (errorsOut != null) {
      java.util.Arrays.fill(errorsOut, Double.NaN);
    }
    for (int t = start; t < n; t++) {
      double base = level + phi * trend;
      double yhat;
      double newLevel;
      int si = t % m;
      switch (seasonality) {
        case ADDITIVE -> {
          yhat = base + season[si];
          newLevel = a * (y[t] - season[si]) + (1 - a) * base;
          season[si] = g * (y[t] - base) + (1 - g) * season[si];
        }
        case MULTIPLICATIVE -> {
          if (!(base > 0) || !(season[si] > 0)) {
            st.sse = Double.MAX_VALUE;
            st.errors = errorsOut;
            return st;
          }
          yhat = base * season[si];
          newLevel = a * (y[t] / season[si]) + (1 - a) * base;
          season[si] = g * (y[t] / base) + (1 - g) * season[si];
        }
        default -> {
          yhat = base;
          newLevel = a * y[t] + (1 - a) * base;
        }
      }
      double e = y[t] - yhat;
      sse += e * e;
      count++;
      if (errorsOut != null) {
        errorsOut[t] = seasonality == Seasonality.MULTIPLICATIVE ? e / yhat : e;
      }
      trend = b * (newLevel - level) + (1 - b) * phi * trend;
      level = newLevel;
    }
    st.level = level;
    st.trend = trend;
    st.season = season;
    st.sse = Double.isFinite(sse) ? sse : Double.MAX_VALUE;
    st.count = count;
    st.errors = errorsOut;
    return st;
  }

  private final class Fitted implements FittedModel {
    private final double[] p;
    private final State s;
    private final double sigma;
    private final int n;

    Fitted(double[] p, State s, double sigma) {
      this.p = p;
      this.s = s;
      this.sigma = sigma;
      this.n = s.errors.length;
    }

    @Override
    public String name() {
      return HoltWintersModel.this.name();
    }

    @Override
    public double residualSd() {
      return sigma;
    }

    @Override
    public ModelForecast forecast(int h) {
      double a = p[0];
      double b = p[1];
      double g = p[2];
      double phi = p[3];
      double[] mean = new double[h];
      double[] sd = new double[h];
      double phiSum = 0;
      double phiPow = 1;
      double sumC2 = 0;
      for (int i = 1; i <= h; i++) {
        // variance of step i uses c_1..c_{i-1}, accumulated before phiSum advances to phi_i
        sd[i - 1] = Math.sqrt(1 + sumC2);
        phiPow *= phi;
        phiSum += phiPow;
        double base = s.level + phiSum * s.trend;
        int si = (n - 1 + i) % period;
        mean[i - 1] = switch (seasonality) {
          case ADDITIVE -> base + s.season[si];
          case MULTIPLICATIVE -> base * s.season[si];
          default -> base;
        };
        boolean seasonLag = seasonality != Seasonality.NONE && i % period == 0;
        double c = a * (1 + b * phiSum) + (seasonLag ? g * (1 - a) : 0);
        sumC2 += c * c;
      }
      for (int i = 0; i < h; i++) {
        sd[i] *= seasonality == Seasonality.MULTIPLICATIVE ? sigma * Math.abs(mean[i]) : sigma;
      }
      return ModelForecast.normal(mean, sd);
    }

    @Override
    public String parameters() {
      return String.format(Locale.ROOT, "alpha=%.4f beta=%.4f gamma=%.4f phi=%.4f sigma=%.4g%s",
          p[0], p[1], p[2], p[3], sigma, seasonality == Seasonality.MULTIPLICATIVE ? " (relative)" : "");
    }
  }
}
