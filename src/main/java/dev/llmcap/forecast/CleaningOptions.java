package dev.llmcap.forecast;

/**
 * Settings of {@link SeriesCleaner}.
 *
 * @param maxInterpolatedGap longest run of missing grid points filled by linear interpolation;
 *     longer gaps are flagged and filled from one season earlier (or linearly if none)
 * @param outlierThreshold robust z-score (0.6745 * (r - median r) / MAD r) above which a point is
 *     flagged as an outlier
 * @param replaceOutliers whether flagged outliers are replaced by the seasonal median (otherwise
 *     only flagged)
 * @param nonNegative whether the metric is a rate that cannot be negative (negatives are flagged
 *     and clipped to zero)
 * @param seasonalPeriod period (in grid steps) for the seasonal median and long-gap filling; 0
 *     means detect from the interval via {@link SeasonalPeriods}
 */
public record CleaningOptions(
    int maxInterpolatedGap,
    double outlierThreshold,
    boolean replaceOutliers,
    boolean nonNegative,
    int seasonalPeriod) {

  /** Defaults: interpolate up to 3 missing points, flag |z| > 3.5 without replacing, rate metric. */
  public static CleaningOptions defaults() {
    return new CleaningOptions(3, 3.5, false, true, 0);
  }

  public CleaningOptions withSeasonalPeriod(int period) {
    return new CleaningOptions(maxInterpolatedGap, outlierThreshold, replaceOutliers, nonNegative, period);
  }

  public CleaningOptions withNonNegative(boolean value) {
    return new CleaningOptions(maxInterpolatedGap, outlierThreshold, replaceOutliers, value, seasonalPeriod);
  }

  public CleaningOptions withReplaceOutliers(boolean value) {
    return new CleaningOptions(maxInterpolatedGap, outlierThreshold, value, nonNegative, seasonalPeriod);
  }

  public CleaningOptions withOutlierThreshold(double value) {
    return new CleaningOptions(maxInterpolatedGap, value, replaceOutliers, nonNegative, seasonalPeriod);
  }
}
