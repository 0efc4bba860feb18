package dev.llmcap.cli;

import dev.llmcap.forecast.CostRecord;
import dev.llmcap.forecast.CostRecordReader;
import dev.llmcap.forecast.ForecastException;
import dev.llmcap.forecast.ForecastInputException;
import dev.llmcap.forecast.HistoryFilter;
import dev.llmcap.forecast.MetricName;
import dev.llmcap.forecast.SeriesReader;
import dev.llmcap.forecast.TimeSeries;
import dev.llmcap.forecast.UsageMetric;
import dev.llmcap.forecast.UsageMetricReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Reads the history the forecast command forecasts: usage-metric or cost-history files, or a generic series. */
final class ForecastInputs {
  /** The metric names the command accepts: the usage metrics plus {@code cost}. */
  static final String METRICS = "rps|tps|ttft_ms|itl_ms|gpu_utilization|cost";

  /** The selected raw series, what it measures and where it came from. */
  record Loaded(TimeSeries series, String metric, String unit, String serviceId, List<String> sources, boolean rate) {}

  private ForecastInputs() {}

  /** Validates a --metric value (null means rps). */
  static String metric(String text) throws UsageException {
    if (text == null) {
      return "rps";
    }
    String m = text.trim().toLowerCase(Locale.ROOT);
    if (!"cost".equals(m) && MetricName.fromCode(m) == null) {
      throw new UsageException("unknown metric '" + text + "' (--metric must be one of " + METRICS + ")");
    }
    return m;
  }

  static Loaded series(Path file, String metric) throws ForecastInputException {
    TimeSeries s = new SeriesReader().read(file);
    return new Loaded(s, metric, unitOf(metric, "USD"), null, List.of(file.toString()), isRate(metric) || "cost".equals(metric));
  }

  static Loaded history(List<Path> files, String metricFlag, String serviceId)
      throws ForecastException, UsageException {
    List<UsageMetric> usage = new ArrayList<>();
    List<CostRecord> costs = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new ForecastInputException(f, 0, null, "file not found");
      }
      String head = head(f);
      if (head.contains("metric_name")) {
        usage.addAll(new UsageMetricReader().read(f));
      } else if (head.contains("amount")) {
        costs.addAll(new CostRecordReader().read(f));
      } else {
        throw new ForecastInputException(f, 1, null, "neither usage-metric rows (service_id,timestamp,metric_name,value) "
            + "nor cost-history rows (service_id,timestamp,amount,currency,category)");
      }
      sources.add(f.toString());
    }
    String metric = metricFlag != null ? metric(metricFlag) : usage.isEmpty() ? "cost" : "rps";
    if ("cost".equals(metric)) {
      String service = service(serviceId, costs.stream().map(CostRecord::serviceId).toList(), "cost history");
      TimeSeries s = HistoryFilter.costSeries(costs, service, null);
      String currency = costs.stream().filter(c -> c.serviceId().equals(service)).map(CostRecord::currency)
          .findFirst().orElse(CostRecord.DEFAULT_CURRENCY);
      return new Loaded(s, metric, currency, service, sources, true);
    }
    MetricName m = MetricName.fromCode(metric);
    String service = service(serviceId, usage.stream().map(UsageMetric::serviceId).toList(), "usage history");
    TimeSeries s = HistoryFilter.usageSeries(usage, service, m);
    if (s.isEmpty()) {
      TreeSet<String> have = new TreeSet<>();
      usage.stream().filter(u -> u.serviceId().equals(service)).forEach(u -> have.add(u.metricName().code()));
      throw new UsageException("the history of service '" + service + "' has no " + metric + " rows"
          + (have.isEmpty() ? "" : " (it has: " + String.join(", ", have) + "; choose one with --metric)"));
    }
    String unit = usage.stream().filter(u -> u.serviceId().equals(service) && u.metricName() == m)
        .map(UsageMetric::unit).findFirst().orElse(m.defaultUnit());
    return new Loaded(s, metric, unit, service, sources, m.isRate());
  }

  private static String service(String requested, List<String> ids, String what) throws UsageException {
    TreeSet<String> all = new TreeSet<>(ids);
    if (all.isEmpty()) {
      throw new UsageException("the " + what + " files hold no rows for the metric asked for (check --metric)");
    }
    if (requested != null) {
      if (!all.contains(requested)) {
        throw new UsageException("no " + what + " rows for service '" + requested + "' (services present: "
            + String.join(", ", all) + ")");
      }
      return requested;
    }
    if (all.size() > 1) {
      throw new UsageException("the " + what + " holds several services (" + String.join(", ", all)
          + "): choose one with --service-id");
    }
    return all.first();
  }

  private static String head(Path f) throws ForecastInputException {
    try (InputStream in = Files.newInputStream(f)) {
      return new String(in.readNBytes(4096), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      throw new ForecastInputException(f, "cannot read: " + e.getMessage(), e);
    }
  }

  static String unitOf(String metric, String currency) {
    if ("cost".equals(metric)) {
      return currency;
    }
    return MetricName.fromCode(metric).defaultUnit();
  }

  static boolean isRate(String metric) {
    MetricName m = MetricName.fromCode(metric);
    return m != null && m.isRate();
  }
}
