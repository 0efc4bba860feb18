package dev.llmcap.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Model selection on real series, judged on a held-back final week the selection never saw. */
class ForecastBacktestTest {

  private record HeldBack(ForecastResult result, double chosenMape, double chosenMase, double snMape, double snMase) {}

  private static HeldBack holdBackLastWeek(String fixture) throws Exception {
    CleanedSeries all = new SeriesCleaner().clean(new SeriesReader().read(Fixtures.path(fixture)));
    int week = (int) (java.time.Duration.ofDays(7).toMillis() / all.interval().toMillis());
    int n = all.size();
    TimeSeries train = all.series().slice(0, n - week);
    CleanedSeries history = new SeriesCleaner().clean(train);
    double[] actual = Arrays.copyOfRange(all.series().values(), n - week, n);

    ForecastResult r = new Forecaster().forecast(history, ForecastConfig.defaults().withHorizonPeriods(week));
    int m = r.seasonalPeriod();
    double[] sn = new SeasonalNaiveModel(m).fit(train.values()).forecast(week).mean();
    double scale = ForecastErrors.seasonalNaiveScale(train.values(), m);
    HeldBack hb = new HeldBack(r, ForecastErrors.mape(actual, r.baseline()), ForecastErrors.mase(actual, r.baseline(), scale),
        ForecastErrors.mape(actual, sn), ForecastErrors.mase(actual, sn, scale));
    System.out.println("== " + fixture + " (history " + history.size() + " points, held back " + week + ")");
    System.out.println(history.report());
    System.out.println(String.join("\n", r.notes()));
    System.out.println(r.backtest().format());
    System.out.println("chosen fit: " + r.modelParameters());
    System.out.printf(Locale.ROOT, "held-back week: chosen %s MAPE %.2f%% MASE %.3f | seasonal-naive(m=%d) MAPE %.2f%% MASE %.3f%n",
        r.model(), hb.chosenMape, hb.chosenMase, m, hb.snMape, hb.snMase);
    return hb;
  }

  @Test
  void nycTaxiChosenModelBeatsSeasonalNaiveOnHeldBackWeek() throws Exception {
    HeldBack hb = holdBackLastWeek("nyc_taxi_30min_2014-08-31_6weeks.csv");
    assertThat(hb.result().seasonalPeriod()).isEqualTo(48);
    assertThat(hb.result().backtest().rows()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(hb.result().model()).isNotEqualTo("seasonal-naive(m=48)");
    assertThat(hb.chosenMase()).isLessThan(hb.snMase());
    assertThat(hb.chosenMape()).isLessThan(hb.snMape());
  }

  @Test
  void elbSelectionIsSeasonalNaiveOrBetterOnHeldBackWeek() throws Exception {
    HeldBack hb = holdBackLastWeek("elb_request_count_5min.csv");
    assertThat(hb.result().seasonalPeriod()).isEqualTo(288);
    BacktestTable t = hb.result().backtest();
    BacktestRow sn = t.row("seasonal-naive(m=288)");
    assertThat(sn).isNotNull();
    assertThat(t.chosenRow().mase()).isLessThanOrEqualTo(sn.mase());
    // judged on the held-back week the selection never saw
    assertThat(hb.chosenMase()).isLessThanOrEqualTo(hb.snMase() * 1.0001);
  }
}
