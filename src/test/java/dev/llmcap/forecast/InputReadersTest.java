package dev.llmcap.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputReadersTest {

  @Test
  void usageMetricsFromCsvAreFilteredByServiceAndMetric(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("usage.csv");
    Files.writeString(f, String.join("\n",
        "service_id,timestamp,metric_name,value,unit",
        "chat,2024-03-01T00:00:00Z,rps,12.5,requests/sec",
        "chat,2024-03-01 00:05:00,rps,13.0,",
        "chat,2024-03-01 00:05:00.250,tps,900,tokens/sec",
        "search,2024-03-01T00:00:00+01:00,RPS,4,requests/sec"));
    List<UsageMetric> rows = new UsageMetricReader().read(f);
    assertThat(rows).hasSize(4);
    assertThat(rows.get(1).unit()).isEqualTo("requests/sec");
    assertThat(rows.get(2).timestamp()).isEqualTo(Instant.parse("2024-03-01T00:05:00.250Z"));
    assertThat(rows.get(3).timestamp()).isEqualTo(Instant.parse("2024-02-29T23:00:00Z"));
    TimeSeries chatRps = HistoryFilter.usageSeries(rows, "chat", MetricName.RPS);
    assertThat(chatRps.values()).containsExactly(12.5, 13.0);
  }

  @Test
  void costRecordsFromJsonDefaultTheCurrency(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cost.json");
    Files.writeString(f, """
        [
          {"service_id": "chat", "timestamp": "2024-03-01", "amount": 120.5, "category": "gpu_compute",
           "tokens_processed": 1000000},
          {"service_id": "chat", "timestamp": "2024-03-01", "amount": 4.5, "currency": "USD", "category": "storage"},
          {"service_id": "chat", "timestamp": "2024-03-02", "amount": 130, "category": "gpu_compute"}
        ]""");
    List<CostRecord> rows = new CostRecordReader().read(f);
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).currency()).isEqualTo("USD");
    assertThat(rows.get(0).tokensProcessed()).isEqualTo(1_000_000L);
    assertThat(rows.get(1).tokensProcessed()).isNull();
    assertThat(HistoryFilter.costSeries(rows, "chat", null).values()).containsExactly(125.0, 130.0);
    assertThat(HistoryFilter.costSeries(rows, "chat", CostCategory.GPU_COMPUTE).values()).containsExactly(120.5, 130.0);
  }

  @Test
  void badValuesNameFileLineAndValue(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "timestamp,value\n2024-01-01 00:00:00,1\n2024-13-45 00:00:00,2\n");
    assertThatThrownBy(() -> new SeriesReader().read(csv))
        .isInstanceOf(ForecastInputException.class)
        .hasMessageContaining("bad.csv")
        .hasMessageContaining("line 3")
        .hasMessageContaining("'2024-13-45 00:00:00'");

    Path num = dir.resolve("num.csv");
    Files.writeString(num, "service_id,timestamp,metric_name,value\nchat,2024-01-01T00:00:00Z,rps,12x\n");
    assertThatThrownBy(() -> new UsageMetricReader().read(num))
        .isInstanceOf(ForecastInputException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("'12x'");

    Path json = dir.resolve("cost.json");
    Files.writeString(json, "[\n {\"service_id\":\"a\",\"timestamp\":\"2024-01-01\",\"amount\":1,\"category\":\"gpu_compute\"},\n"
        + " {\"service_id\":\"a\",\"timestamp\":\"2024-01-02\",\"amount\":1,\"category\":\"cooling\"}\n]");
    assertThatThrownBy(() -> new CostRecordReader().read(json))
        .isInstanceOf(ForecastInputException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("'cooling'");
  }

  @Test
  void replanTriggerComparesActualsWithThePreviousForecast() {
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    List<ForecastPoint> prev = List.of(
        new ForecastPoint(t, 100, 90, 110, 80, 120), new ForecastPoint(t.plusSeconds(3600), 100, 90, 110, 80, 120));
    TimeSeries drifted = new TimeSeries(List.of(t, t.plusSeconds(3600)), new double[] {125, 125});
    ReplanDecision d = ReplanTrigger.evaluate(drifted, prev, 10.0);
    assertThat(d.comparedPoints()).isEqualTo(2);
    assertThat(d.meanAbsPctDeviation()).isEqualTo(20.0);
    assertThat(d.replan()).isTrue();
    TimeSeries close = new TimeSeries(List.of(t), new double[] {104});
    assertThat(ReplanTrigger.evaluate(close, prev, 10.0).replan()).isFalse();
  }
}
