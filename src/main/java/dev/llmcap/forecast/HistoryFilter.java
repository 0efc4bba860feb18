package dev.llmcap.forecast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Selects one service's usage metric or cost history and turns it into a {@link TimeSeries}. */
public final class HistoryFilter {
  private HistoryFilter() {}

  /** The usage rows of one service and metric, in input order. */
  public static List<UsageMetric> usage(List<UsageMetric> rows, String serviceId, MetricName metric) {
    List<UsageMetric> out = new ArrayList<>();
    for (UsageMetric m : rows) {
      if (m.serviceId().equals(serviceId) && m.metricName() == metric) {
        out.add(m);
      }
    }
    return out;
  }

  /** The cost rows of one service, of one category or of all when {@code category} is null. */
  public static List<CostRecord> costs(List<CostRecord> rows, String serviceId, CostCategory category) {
    List<CostRecord> out = new ArrayList<>();
    for (CostRecord c : rows) {
      if (c.serviceId().equals(serviceId) && (category == null || c.category() == category)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The values of one service and metric as a series (duplicates kept for the cleaner to merge). */
  public static TimeSeries usageSeries(List<UsageMetric> rows, String serviceId, MetricName metric) {
    List<UsageMetric> sel = usage(rows, serviceId, metric);
    List<Instant> ts = new ArrayList<>(sel.size());
    double[] v = new double[sel.size()];
    for (int i = 0; i < sel.size(); i++) {
      ts.add(sel.get(i).timestamp());
      v[i] = sel.get(i).value();
    }
    return new TimeSeries(ts, v);
  }

  /**
   * Total cost per timestamp of one service (categories summed when {@code category} is null),
   * sorted by time. Amounts in different currencies are not converted; mixing them is an error.
   */
  public static TimeSeries costSeries(List<CostRecord> rows, String serviceId, CostCategory category)
      throws ForecastException {
    Map<Instant, Double> sums = new TreeMap<>();
    String currency = null;
    for (CostRecord c : costs(rows, serviceId, category)) {
      if (currency == null) {
        currency = c.currency();
      } else if (!currency.equalsIgnoreCase(c.currency())) {
        throw new ForecastException(
            "cost history of " + serviceId + " mixes currencies " + currency + " and " + c.currency());
      }
      sums.merge(c.timestamp(), c.amount(), Double::sum);
    }
    List<Instant> ts = new ArrayList<>(sums.keySet());
    double[] v = sums.values().stream().mapToDouble(Double::doubleValue).toArray();
    return new TimeSeries(ts, v);
  }
}
