package dev.llmcap.forecast;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a request trace says about load: the request-rate series per interval, its mean, p99 and
 * max, the peak multiplier (p99 of per-interval rates over the mean rate), token statistics, and
 * every row that was dropped with its reason.
 *
 * @param rps requests per second in each complete interval, starting at the first kept request
 * @param keptRequests rows used (including those in the trailing partial interval)
 * @param requestsInPartialInterval kept requests after the last complete interval, in the token
 *     statistics but not in the rate series
 * @param dropped count of dropped rows per reason
 * @param droppedExamples for each reason, the first offending line as "line N: text"
 */
public record TraceSummary(
    Duration interval,
    TimeSeries rps,
    long totalRows,
    long keptRequests,
    long requestsInPartialInterval,
    double meanRps,
    double p99Rps,
    double maxRps,
    TokenStats inputTokens,
    TokenStats outputTokens,
    Map<TraceDropReason, Long> dropped,
    Map<TraceDropReason, String> droppedExamples) {

  /** p99 of per-interval rates divided by the mean rate. */
  public double peakMultiplier() {
    return meanRps == 0 ? 0 : p99Rps / meanRps;
  }

  /** Maximum per-interval rate divided by the mean rate. */
  public double maxOverMean() {
    return meanRps == 0 ? 0 : maxRps / meanRps;
  }

  public long droppedTotal() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }

  public long dropped(TraceDropReason reason) {
    return dropped.getOrDefault(reason, 0L);
  }

  static Map<TraceDropReason, Long> emptyCounts() {
    Map<TraceDropReason, Long> m = new EnumMap<>(TraceDropReason.class);
    for (TraceDropReason r : TraceDropReason.values()) {
      m.put(r, 0L);
    }
    return m;
  }

  /** A short human-readable report. */
  public List<String> describe() {
    List<String> lines = new java.util.ArrayList<>();
    lines.add(String.format(Locale.ROOT, "rows read: %d, kept: %d, dropped: %d", totalRows, keptRequests, droppedTotal()));
    for (var e : dropped.entrySet()) {
      if (e.getValue() > 0) {
        lines.add(String.format(Locale.ROOT, "  dropped %s: %d (first: %s)", e.getKey(), e.getValue(),
            droppedExamples.get(e.getKey())));
      }
    }
    lines.add(String.format(Locale.ROOT,
        "rate per %ds interval over %d complete intervals: mean %.3f req/s, p99 %.3f, max %.3f",
        interval.toSeconds(), rps.size(), meanRps, p99Rps, maxRps));
    lines.add(String.format(Locale.ROOT, "peak multiplier (p99/mean): %.3f, max/mean: %.3f",
        peakMultiplier(), maxOverMean()));
    if (requestsInPartialInterval > 0) {
      lines.add("requests in the trailing partial interval (not in the rate series): " + requestsInPartialInterval);
    }
    lines.add("input tokens: " + inputTokens);
    lines.add("output tokens: " + outputTokens);
    return lines;
  }
}
