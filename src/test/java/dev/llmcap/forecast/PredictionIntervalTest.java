package dev.llmcap.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PredictionIntervalTest {

  @Test
  void bandsAreNestedAroundThePointAndCover80PercentOnHeldOutData() throws Exception {
    Random rnd = new Random(20240601L);
    int m = 24;
    int train = m * 20;
    int h = m * 2;
    int hits = 0;
    int total = 0;
    for (int rep = 0; rep < 5; rep++) {
      List<Instant> ts = new ArrayList<>();
      double[] y = new double[train + h];
      for (int i = 0; i < y.length; i++) {
        ts.add(Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofHours(i)));
        y[i] = 200 + 0.05 * i + 40 * Math.sin(2 * Math.PI * i / m) + 10 * rnd.nextGaussian();
      }
      TimeSeries all = new TimeSeries(ts, y);
      CleanedSeries history = new SeriesCleaner().clean(all.slice(0, train));
      ForecastResult r = new Forecaster().forecast(history, ForecastConfig.defaults().withHorizonPeriods(h));
      if (rep == 0) {
        System.out.println(r.backtest() + "\n" + r.modelParameters());
      }
      for (int i = 0; i < h; i++) {
        ForecastPoint p = r.points().get(i);
        assertThat(p.upper95() - p.lower95()).isGreaterThan(p.upper80() - p.lower80());
        assertThat(p.baseline()).isBetween(p.lower80(), p.upper80());
        assertThat(p.baseline()).isBetween(p.lower95(), p.upper95());
        double actual = y[train + i];
        if (actual >= p.lower80() && actual <= p.upper80()) {
          hits++;
        }
        total++;
      }
    }
    double coverage = 100.0 * hits / total;
    System.out.printf("empirical 80%% coverage on %d held-out points: %.1f%%%n", total, coverage);
    assertThat(coverage).isBetween(60.0, 95.0);
  }
}
