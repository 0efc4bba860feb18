package dev.llmcap.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastChartTest {

  @Test
  void writesANonTrivialPng(@TempDir Path dir) throws Exception {
    CleanedSeries c = new SeriesCleaner().clean(new SeriesReader().read(Fixtures.path("elb_request_count_5min.csv")));
    ForecastResult r = new Forecaster().forecast(c, ForecastConfig.defaults().withHorizonDays(1));
    Path png = dir.resolve("charts/elb-forecast.png");
    new ForecastChart().render(c.series().tail(288 * 3), r, "ELB request count", "requests / 5 min",
        400.0, "capacity", png);
    assertThat(png).exists();
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).isGreaterThan(5 * 1024);
    assertThat(java.util.Arrays.copyOf(bytes, 8))
        .containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
  }
}
