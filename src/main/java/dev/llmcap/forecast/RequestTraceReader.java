package dev.llmcap.forecast;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an Azure LLM inference trace ({@code TIMESTAMP,ContextTokens,GeneratedTokens}, one row per
 * request) and aggregates it into a {@link TraceSummary}.
 *
 * <p>Intervals start at the first kept request and have the configured length; only complete
 * intervals form the rate series (a trailing partial interval would understate the rate). Rows are
 * dropped, and counted per {@link TraceDropReason}, when unparsable, negative, zero-token, or above
 * the token limits.
 */
public final class RequestTraceReader {
  /** Default interval for the rate series. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
  /** Default plausibility limit on context and generated tokens per request. */
  public static final long DEFAULT_MAX_TOKENS = 1_000_000L;

  private final Duration interval;
  private final long maxContextTokens;
  private final long maxGeneratedTokens;

  public RequestTraceReader() {
    this(DEFAULT_INTERVAL, DEFAULT_MAX_TOKENS, DEFAULT_MAX_TOKENS);
  }

  public RequestTraceReader(Duration interval, long maxContextTokens, long maxGeneratedTokens) {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    this.interval = interval;
    this.maxContextTokens = maxContextTokens;
    this.maxGeneratedTokens = maxGeneratedTokens;
  }

  public TraceSummary read(Path file) throws ForecastInputException {
    List<Instant> times = new ArrayList<>();
    List<long[]> tokens = new ArrayList<>();
    Map<TraceDropReason, Long> dropped = TraceSummary.emptyCounts();
    Map<TraceDropReason, String> examples = new EnumMap<>(TraceDropReason.class);
    long total = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        throw new ForecastInputException(file, 1, null, "empty trace file");
      }
      String[] h = header.strip().replace("\uFEFF", "").split(",");
      if (h.length < 3
          || !h[0].trim().equalsIgnoreCase("TIMESTAMP")
          || !h[1].trim().equalsIgnoreCase("ContextTokens")
          || !h[2].trim().equalsIgnoreCase("GeneratedTokens")) {
        throw new ForecastInputException(
            file, 1, header, "expected header TIMESTAMP,ContextTokens,GeneratedTokens");
      }
      String line;
      long lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        total++;
        TraceDropReason reason = null;
        Instant t = null;
        long ctx = 0;
        long gen = 0;
        String[] f = line.strip().split(",");
        if (f.length != 3) {
          reason = TraceDropReason.UNPARSABLE;
        } else {
          try {
            t = Timestamps.parse(f[0]);
            ctx = Long.parseLong(f[1].trim());
            gen = Long.parseLong(f[2].trim());
          } catch (DateTimeParseException | NumberFormatException e) {
            reason = TraceDropReason.UNPARSABLE;
          }
        }
        if (reason == null) {
          if (ctx < 0 || gen < 0) {
            reason = TraceDropReason.NEGATIVE_TOKENS;
          } else if (ctx == 0 || gen == 0) {
            reason = TraceDropReason.ZERO_TOKENS;
          } else if (ctx > maxContextTokens || gen > maxGeneratedTokens) {
            reason = TraceDropReason.IMPLAUSIBLE_TOKENS;
          }
        }
        if (reason != null) {
          dropped.merge(reason, 1L, Long::sum);
          examples.putIfAbsent(reason, "line " + lineNo + ": " + line.strip());
          continue;
        }
        times.add(t);
        tokens.add(new long[] {ctx, gen});
      }
    } catch (IOException e) {
      throw new ForecastInputException(file, "cannot read trace: " + e.getMessage(), e);
    }
    if (times.isEmpty()) {
      throw new ForecastInputException(file, 0, null, "no usable request rows (dropped: " + dropped + ")");
    }
    return summarise(times, tokens, total, dropped, examples);
  }

  private TraceSummary summarise(
      List<Instant> times,
      List<long[]> tokens,
      long total,
      Map<TraceDropReason, Long> dropped,
      Map<TraceDropReason, String> examples) {
    Instant first = times.get(0);
    Instant last = times.get(0);
    for (Instant t : times) {
      if (t.isBefore(first)) {
        first = t;
      }
      if (t.isAfter(last)) {
        last = t;
      }
    }
    long stepNanos = interval.toNanos();
    int complete = (int) (Duration.between(first, last).toNanos() / stepNanos);
    long[] counts = new long[Math.max(complete, 0)];
    long partial = 0;
    double[] in = new double[times.size()];
    double[] out = new double[times.size()];
    for (int i = 0; i < times.size(); i++) {
      long k = Duration.between(first, times.get(i)).toNanos() / stepNanos;
      if (k < complete) {
        counts[(int) k]++;
      } else {
        partial++;
      }
      in[i] = tokens.get(i)[0];
      out[i] = tokens.get(i)[1];
    }
    double seconds = stepNanos / 1e9;
    List<Instant> ts = new ArrayList<>(complete);
    double[] rates = new double[complete];
    for (int k = 0; k < complete; k++) {
      ts.add(first.plusNanos(k * stepNanos));
      rates[k] = counts[k] / seconds;
    }
    double mean = complete == 0 ? 0 : Stats.mean(rates);
    double p99 = complete == 0 ? 0 : Stats.quantile(rates, 0.99);
    double max = complete == 0 ? 0 : Stats.quantile(rates, 1.0);
    return new TraceSummary(
        interval, new TimeSeries(ts, rates), total, times.size(), partial, mean, p99, max,
        TokenStats.of(in), TokenStats.of(out), dropped, examples);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "RequestTraceReader[interval=%s, maxContext=%d, maxGenerated=%d]",
        interval, maxContextTokens, maxGeneratedTokens);
  }
}
