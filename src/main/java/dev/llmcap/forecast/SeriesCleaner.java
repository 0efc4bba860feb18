package dev.llmcap.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns a raw series into a regular one, reporting every change in a {@link CleaningReport}:
 * sorts; merges identical timestamps (mean); detects the interval as the median positive gap;
 * snaps points to that grid; fills gaps up to {@link CleaningOptions#maxInterpolatedGap} points
 * linearly and flags longer ones (filled from one season earlier when possible); clips negatives
 * of rate metrics to zero; flags outliers by a robust z-score of the residual from the seasonal
 * median (per phase of the season), optionally replacing them by that median.
 */
public final class SeriesCleaner {
  private static final double MAD_TO_Z = 0.6745;
  private final CleaningOptions options;

  public SeriesCleaner() {
    this(CleaningOptions.defaults());
  }

  public SeriesCleaner(CleaningOptions options) {
    this.options = options;
  }

  public CleanedSeries clean(TimeSeries raw) {
    List<String> messages = new ArrayList<>();
    int n0 = raw.size();
    // 1. sort
    Integer[] order = new Integer[n0];
    for (int i = 0; i < n0; i++) {
      order[i] = i;
    }
    boolean unsorted = false;
    for (int i = 1; i < n0; i++) {
      if (raw.time(i).isBefore(raw.time(i - 1))) {
        unsorted = true;
        break;
      }
    }
    Arrays.sort(order, Comparator.comparing(raw::time));
    // 2. merge identical timestamps
    List<Instant> ts = new ArrayList<>();
    List<Double> vs = new ArrayList<>();
    int duplicates = 0;
    for (int k = 0; k < n0; ) {
      Instant t = raw.time(order[k]);
      double sum = 0;
      int c = 0;
      while (k < n0 && raw.time(order[k]).equals(t)) {
        sum += raw.value(order[k]);
        c++;
        k++;
      }
      duplicates += c - 1;
      ts.add(t);
      vs.add(sum / c);
    }
    int n = ts.size();
    if (n < 2) {
      messages.add(n == 0
          ? "the history is empty: nothing to clean or forecast"
          : "the history has a single point (" + ts.get(0) + "): the sampling interval cannot be detected");
      double[] v = vs.stream().mapToDouble(Double::doubleValue).toArray();
      int neg = clipNegatives(v);
      CleaningReport r = new CleaningReport(n0, n, unsorted, duplicates, 0, null, 0, 0, 0, 0,
          Duration.ZERO, neg, 0, 0, messages);
      return new CleanedSeries(new TimeSeries(ts, v), null, new boolean[n], new boolean[n], r);
    }
    // 3. interval = median positive gap
    double[] gaps = new double[n - 1];
    for (int i = 1; i < n; i++) {
      gaps[i - 1] = Duration.between(ts.get(i - 1), ts.get(i)).toMillis();
    }
    long stepMs = Math.max(1, Math.round(Stats.median(gaps)));
    Duration interval = Duration.ofMillis(stepMs);
    // 4. snap to grid
    Instant origin = ts.get(0);
    long slots = Math.round(Duration.between(origin, ts.get(n - 1)).toMillis() / (double) stepMs) + 1;
    if (slots > 50_000_000L) {
      throw new IllegalArgumentException("series spans too many intervals to regularise: " + slots);
    }
    int m = (int) slots;
    double[] sum = new double[m];
    int[] cnt = new int[m];
    int offGrid = 0;
    for (int i = 0; i < n; i++) {
      long offset = Duration.between(origin, ts.get(i)).toMillis();
      int slot = (int) Math.round(offset / (double) stepMs);
      if (offset != (long) slot * stepMs) {
        offGrid++;
      }
      sum[slot] += vs.get(i);
      cnt[slot]++;
    }
    double[] v = new double[m];
    boolean[] missing = new boolean[m];
    for (int s = 0; s < m; s++) {
      missing[s] = cnt[s] == 0;
      v[s] = missing[s] ? Double.NaN : sum[s] / cnt[s];
    }
    int snappedMerges = 0;
    for (int c : cnt) {
      snappedMerges += Math.max(0, c - 1);
    }
    if (snappedMerges > 0) {
      messages.add(snappedMerges + " points fell into an occupied grid slot after snapping and were averaged");
    }
    // 5. negatives (before filling so they do not leak into interpolation)
    int negatives = options.nonNegative() ? clipNegatives(v) : 0;
    // 6. gaps
    int period = options.seasonalPeriod() > 0 ? options.seasonalPeriod() : SeasonalPeriods.forInterval(interval);
    int shortGaps = 0;
    int shortPts = 0;
    int longGaps = 0;
    int longPts = 0;
    int longest = 0;
    boolean[] imputed = new boolean[m];
    for (int s = 0; s < m; ) {
      if (!missing[s]) {
        s++;
        continue;
      }
      int start = s;
      while (s < m && missing[s]) {
        s++;
      }
      int len = s - start; // start-1 and s are observed (both ends exist: first and last slots are observations)
      double a = v[start - 1];
      double b = v[s];
      boolean isLong = len > options.maxInterpolatedGap();
      for (int j = start; j < s; j++) {
        double linear = a + (b - a) * (j - start + 1) / (len + 1);
        v[j] = isLong && period > 1 && j - period >= 0 && !Double.isNaN(v[j - period]) ? v[j - period] : linear;
        imputed[j] = true;
      }
      if (isLong) {
        longGaps++;
        longPts += len;
        longest = Math.max(longest, len);
      } else {
        shortGaps++;
        shortPts += len;
      }
    }
    if (longGaps > 0) {
      messages.add(String.format(Locale.ROOT,
          "%d gap(s) longer than %d points were filled from one season (%d steps) earlier where available;"
              + " forecasts near them rest on imputed data", longGaps, options.maxInterpolatedGap(), period));
    }
    // 7. outliers
    boolean[] outlier = new boolean[m];
    int flagged = 0;
    int replaced = 0;
    if (m >= 4) {
      int p = period > 1 && m >= 2 * period ? period : 1;
      double[] seasonalMedian = seasonalMedian(v, imputed, p);
      double[] resid = new double[m];
      for (int i = 0; i < m; i++) {
        resid[i] = v[i] - seasonalMedian[i % p];
      }
      double med = Stats.median(resid);
      double mad = Stats.mad(resid);
      if (mad > 0) {
        for (int i = 0; i < m; i++) {
          double z = MAD_TO_Z * (resid[i] - med) / mad;
          if (!imputed[i] && Math.abs(z) > options.outlierThreshold()) {
            outlier[i] = true;
            flagged++;
            if (options.replaceOutliers()) {
              v[i] = seasonalMedian[i % p];
              replaced++;
            }
          }
        }
      }
      if (p == 1 && period > 1) {
        messages.add("history shorter than two seasons: outliers judged against the overall median");
      }
    }
    List<Instant> grid = new ArrayList<>(m);
    for (int s = 0; s < m; s++) {
      grid.add(origin.plusMillis((long) s * stepMs));
    }
    CleaningReport report = new CleaningReport(n0, m, unsorted, duplicates, offGrid, interval, shortGaps,
        shortPts, longGaps, longPts, interval.multipliedBy(longest), negatives, flagged, replaced, messages);
    return new CleanedSeries(new TimeSeries(grid, v), interval, imputed, outlier, report);
  }

  private static int clipNegatives(double[] v) {
    int c = 0;
    for (int i = 0; i < v.length; i++) {
      if (v[i] < 0) {
        v[i] = 0;
        c++;
      }
    }
    return c;
  }

  private static double[] seasonalMedian(double[] v, boolean[] imputed, int p) {
    double[] out = new double[p];
    for (int phase = 0; phase < p; phase++) {
      List<Double> xs = new ArrayList<>();
      for (int i = phase; i < v.length; i += p) {
        if (!imputed[i]) {
          xs.add(v[i]);
        }
      }
      if (xs.isEmpty()) {
        for (int i = phase; i < v.length; i += p) {
          xs.add(v[i]);
        }
      }
      out[phase] = Stats.median(xs.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return out;
  }
}
