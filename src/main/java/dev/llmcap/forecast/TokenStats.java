package dev.llmcap.forecast;

/** Mean and percentiles (type-7 interpolation) of a token count over the kept requests. */
public record TokenStats(double mean, double p50, double p90, double p99, double max) {

  static TokenStats of(double[] x) {
    if (x.length == 0) {
      return new TokenStats(0, 0, 0, 0, 0);
    }
    return new TokenStats(
        Stats.mean(x), Stats.quantile(x, 0.5), Stats.quantile(x, 0.9), Stats.quantile(x, 0.99),
        Stats.quantile(x, 1.0));
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT, "mean %.1f, p50 %.0f, p90 %.0f, p99 %.0f, max %.0f", mean, p50, p90, p99, max);
  }
}
