package dev.llmcap.forecast;

import java.util.Arrays;

/** Small descriptive statistics used across the forecasting package. */
public final class Stats {
  private Stats() {}

  public static double mean(double[] x) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  public static double mean(double[] x, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += x[i];
    }
    return s / (to - from);
  }

  /**
   * Quantile by linear interpolation between order statistics (Hyndman-Fan type 7, the default
   * of R and NumPy): position {@code p*(n-1)} in the sorted sample.
   */
  public static double quantile(double[] x, double p) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double[] s = x.clone();
    Arrays.sort(s);
    return quantileSorted(s, p);
  }

  /** As {@link #quantile} for an already sorted array. */
  public static double quantileSorted(double[] sorted, double p) {
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double frac = pos - lo;
    return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
  }

  public static double median(double[] x) {
    return quantile(x, 0.5);
  }

  /** Median absolute deviation from the median (unscaled). */
  public static double mad(double[] x) {
    double med = median(x);
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = Math.abs(x[i] - med);
    }
    return median(d);
  }

  /** Sample standard deviation with {@code n - dof} in the denominator, around zero mean. */
  public static double rootMeanSquare(double[] e, int dofLost) {
    int n = 0;
    double ss = 0;
    for (double v : e) {
      if (Double.isFinite(v)) {
        ss += v * v;
        n++;
      }
    }
    int denom = Math.max(1, n - dofLost);
    return n == 0 ? 0 : Math.sqrt(ss / denom);
  }
}
