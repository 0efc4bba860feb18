package dev.llmcap.forecast;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Compares the latest actuals with the previous forecast for the same timestamps. */
public final class ReplanTrigger {
  private ReplanTrigger() {}

  /**
   * Mean absolute percentage deviation of the previous forecast's baseline from the actuals at
   * matching timestamps (zero actuals skipped); re-plan when it exceeds {@code thresholdPct}.
   */
  public static ReplanDecision evaluate(TimeSeries actuals, List<ForecastPoint> previous, double thresholdPct) {
    Map<Instant, Double> fc = new HashMap<>();
    for (ForecastPoint p : previous) {
      fc.put(p.timestamp(), p.baseline());
    }
    double sum = 0;
    int n = 0;
    int zeros = 0;
    for (int i = 0; i < actuals.size(); i++) {
      Double f = fc.get(actuals.time(i));
      if (f == null) {
        continue;
      }
      double a = actuals.value(i);
      if (a == 0) {
        zeros++;
        continue;
      }
      sum += Math.abs(a - f) / Math.abs(a);
      n++;
    }
    if (n == 0) {
      return new ReplanDecision(0, Double.NaN, thresholdPct, false,
          "no actuals share a timestamp with the previous forecast" + (zeros > 0 ? " (or all were zero)" : "")
              + ": nothing to compare");
    }
    double pct = 100 * sum / n;
    boolean replan = pct > thresholdPct;
    String msg = String.format(Locale.ROOT, "actuals deviate %.1f%% on average from the forecast over %d points "
        + "(threshold %.1f%%): %s", pct, n, thresholdPct, replan ? "re-plan" : "plan still holds");
    return new ReplanDecision(n, pct, thresholdPct, replan, msg);
  }
}
