package dev.llmcap.forecast;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@link UsageMetric} rows (service_id, timestamp, metric_name, value, unit) from CSV with
 * a header row or from a JSON array of snake_case objects. The unit is optional and defaults to
 * the metric's usual unit.
 */
public final class UsageMetricReader {

  public List<UsageMetric> read(Path file) throws ForecastInputException {
    FieldParser f = new FieldParser(file);
    List<UsageMetric> out = new ArrayList<>();
    for (TabularFile.Row row : TabularFile.read(file)) {
      String service = f.required(row, "service_id");
      var ts = f.timestamp(row, "timestamp");
      String metricText = f.required(row, "metric_name");
      MetricName metric = MetricName.fromCode(metricText);
      if (metric == null) {
        throw new ForecastInputException(
            file, row.line(), metricText, "unknown metric_name; expected rps|tps|ttft_ms|itl_ms|gpu_utilization");
      }
      double value = f.number(row, "value");
      String unit = row.get("unit");
      out.add(new UsageMetric(service, ts, metric, value, unit == null ? metric.defaultUnit() : unit));
    }
    return out;
  }
}
