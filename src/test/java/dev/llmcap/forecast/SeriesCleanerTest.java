package dev.llmcap.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesCleanerTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private static TimeSeries series(Duration step, int[] idx, double[] v) {
    List<Instant> ts = new ArrayList<>();
    for (int i : idx) {
      ts.add(T0.plus(step.multipliedBy(i)));
    }
    return new TimeSeries(ts, v);
  }

  @Test
  void shortGapsAreInterpolatedAndLongGapsFlagged() {
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      if (i != 10 && i != 11 && (i < 50 || i >= 60)) {
        keep.add(i);
      }
    }
    int[] idx = keep.stream().mapToInt(Integer::intValue).toArray();
    double[] v = keep.stream().mapToDouble(Integer::doubleValue).toArray();
    CleanedSeries c = new SeriesCleaner().clean(series(Duration.ofHours(1), idx, v));
    CleaningReport r = c.report();
    assertThat(c.interval()).isEqualTo(Duration.ofHours(1));
    assertThat(c.size()).isEqualTo(100);
    assertThat(r.shortGaps()).isEqualTo(1);
    assertThat(r.shortGapPointsInterpolated()).isEqualTo(2);
    assertThat(r.longGaps()).isEqualTo(1);
    assertThat(r.longGapPointsFilled()).isEqualTo(10);
    assertThat(r.longestGap()).isEqualTo(Duration.ofHours(10));
    assertThat(c.series().value(10)).isEqualTo(10.0);
    assertThat(c.series().value(11)).isEqualTo(11.0);
    assertThat(c.series().value(50)).isEqualTo(26.0); // one daily season (24 h) earlier
    assertThat(c.imputed()[55]).isTrue();
    assertThat(c.imputed()[49]).isFalse();
    assertThat(r.describe()).anyMatch(l -> l.contains("long gaps flagged: 1 (10 points"));
  }

  @Test
  void duplicatesAreMergedToTheirMeanAndInputIsSorted() {
    TimeSeries raw = series(Duration.ofMinutes(5), new int[] {2, 0, 1, 1, 3}, new double[] {3, 1, 10, 20, 4});
    CleanedSeries c = new SeriesCleaner().clean(raw);
    assertThat(c.report().wasUnsorted()).isTrue();
    assertThat(c.report().duplicateTimestampsMerged()).isEqualTo(1);
    assertThat(c.series().values()).containsExactly(1, 15, 3, 4);
    assertThat(c.interval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void negativeRatesAreClippedAndCounted() {
    TimeSeries raw = series(Duration.ofMinutes(1), new int[] {0, 1, 2, 3}, new double[] {5, -3, 6, 7});
    CleanedSeries c = new SeriesCleaner().clean(raw);
    assertThat(c.report().negativesClipped()).isEqualTo(1);
    assertThat(c.series().value(1)).isZero();
    CleanedSeries kept = new SeriesCleaner(CleaningOptions.defaults().withNonNegative(false)).clean(raw);
    assertThat(kept.series().value(1)).isEqualTo(-3);
    assertThat(kept.report().negativesClipped()).isZero();
  }

  @Test
  void outlierIsFlaggedAgainstTheSeasonalMedian() {
    int n = 24 * 7;
    int[] idx = new int[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
      v[i] = 100 + 30 * Math.sin(2 * Math.PI * i / 24) + ((i * 7919) % 11 - 5);
    }
    v[100] = 900;
    CleanedSeries c = new SeriesCleaner(CleaningOptions.defaults().withReplaceOutliers(true))
        .clean(series(Duration.ofHours(1), idx, v));
    assertThat(c.outlier()[100]).isTrue();
    assertThat(c.report().outliersFlagged()).isBetween(1, 3);
    assertThat(c.series().value(100)).isCloseTo(100 + 30 * Math.sin(2 * Math.PI * 100 / 24), within(10.0));
  }

  @Test
  void onePointHistoryGivesAClearMessageNotACrash() {
    CleanedSeries c = new SeriesCleaner().clean(series(Duration.ofHours(1), new int[] {0}, new double[] {42}));
    assertThat(c.report().messages()).anyMatch(m -> m.contains("single point"));
    assertThat(c.interval()).isNull();
    assertThatThrownBy(() -> new Forecaster().forecast(c, ForecastConfig.defaults()))
        .isInstanceOf(ForecastException.class)
        .hasMessageContaining("cannot forecast from 1 point")
        .hasMessageContaining("at least 3");
  }

  @Test
  void constantSeriesGivesAFlatForecastWithoutNaN() throws Exception {
    int n = 48 * 5;
    int[] idx = new int[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
      v[i] = 42;
    }
    CleanedSeries c = new SeriesCleaner().clean(series(Duration.ofMinutes(30), idx, v));
    assertThat(c.report().outliersFlagged()).isZero();
    ForecastResult r = new Forecaster().forecast(c, ForecastConfig.defaults().withHorizonDays(2));
    assertThat(r.points()).hasSize(96);
    for (ForecastPoint p : r.points()) {
      assertThat(p.baseline()).isCloseTo(42, within(1e-9));
      assertThat(List.of(p.lower80(), p.upper80(), p.lower95(), p.upper95())).allMatch(Double::isFinite);
      assertThat(p.lower95()).isCloseTo(42, within(1e-6));
    }
    assertThat(r.backtest().rows()).allMatch(row -> !Double.isNaN(row.mase()));
  }

  @Test
  void historyShorterThanTwoSeasonsFallsBackToATrendModel() throws Exception {
    int n = 40; // 20 hours of 30-min data: less than two daily seasons of 48
    int[] idx = new int[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
      v[i] = 100 + 2 * i + ((i * 37) % 5 - 2) * 0.5;
    }
    CleanedSeries c = new SeriesCleaner().clean(series(Duration.ofMinutes(30), idx, v));
    ForecastResult r = new Forecaster().forecast(c, ForecastConfig.defaults().withHorizonPeriods(10));
    System.out.println(String.join("\n", r.notes()) + "\n" + r.backtest());
    assertThat(r.seasonalPeriod()).isEqualTo(1);
    assertThat(r.notes()).anyMatch(m -> m.contains("shorter than two seasons"));
    assertThat(r.model()).isIn("linear-trend", "holt-damped");
    assertThat(r.points().get(9).baseline()).isCloseTo(100 + 2 * 49, within(3.0));
  }
}
