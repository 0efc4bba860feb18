package dev.llmcap.config;

import dev.llmcap.forecast.ForecastException;
import dev.llmcap.forecast.RequestTraceReader;
import dev.llmcap.forecast.TraceSummary;
import dev.llmcap.model.LLMWorkloadInput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Fills the workload fields a request trace describes (mean rate, mean and percentile lengths, the per-second arrival
 * counts' dispersion) where the user gave none; stated fields win. Only descriptive statistics of the input are
 * computed here; the rules derive every latency from them.
 */
final class TraceWorkload {
  private TraceWorkload() {}

  static void apply(LLMWorkloadInput w, Map<String, String> provenance) throws InputException {
    if (w == null || w.getTrace() == null) {
      return;
    }
    Path file = Path.of(w.getTrace());
    TraceSummary t;
    try {
      t = new RequestTraceReader(Duration.ofSeconds(1), RequestTraceReader.DEFAULT_MAX_TOKENS, RequestTraceReader.DEFAULT_MAX_TOKENS).read(file);
    } catch (ForecastException e) {
      throw new InputException("workload.trace '" + w.getTrace() + "': " + e.getMessage());
    }
    if (t.keptRequests() == 0 || t.rps().size() < 2) {
      throw new InputException("workload.trace '" + w.getTrace() + "' has no usable rows (" + t.keptRequests()
          + " kept of " + t.totalRows() + "; needs requests over at least 2 seconds)");
    }
    String from = "trace " + w.getTrace();
    if (w.getRequestsPerSecond() == null) {
      w.setRequestsPerSecond(t.meanRps());
      provenance.put("workload.requests_per_second", from + " (mean rate)");
    }
    if (w.getAvgInputTokens() == null) {
      w.setAvgInputTokens((int) Math.max(1, Math.round(t.inputTokens().mean())));
      provenance.put("workload.avg_input_tokens", from + " (mean)");
    }
    if (w.getAvgOutputTokens() == null) {
      w.setAvgOutputTokens((int) Math.max(1, Math.round(t.outputTokens().mean())));
      provenance.put("workload.avg_output_tokens", from + " (mean)");
    }
    if (w.getInputTokensP50() == null && w.getInputTokensP99() == null) {
      w.setInputTokensP50((int) Math.max(1, Math.round(t.inputTokens().p50())));
      w.setInputTokensP99((int) Math.max(1, Math.round(t.inputTokens().p99())));
      provenance.put("workload.input_tokens_p50", from);
      provenance.put("workload.input_tokens_p99", from);
    }
    if (w.getOutputTokensP50() == null && w.getOutputTokensP99() == null) {
      w.setOutputTokensP50((int) Math.max(1, Math.round(t.outputTokens().p50())));
      w.setOutputTokensP99((int) Math.max(1, Math.round(t.outputTokens().p99())));
      provenance.put("workload.output_tokens_p50", from);
      provenance.put("workload.output_tokens_p99", from);
    }
    if (w.getArrivalDispersion() == null) {
      double[] counts = t.rps().values();
      double mean = 0;
      for (double c : counts) {
        mean += c;
      }
      mean /= counts.length;
      double var = 0;
      for (double c : counts) {
        var += (c - mean) * (c - mean);
      }
      var /= counts.length - 1;
      if (mean > 0) {
        w.setArrivalDispersion(Math.max(var / mean, 1e-3));
        provenance.put("workload.arrival_dispersion", String.format(Locale.ROOT, "%s (variance / mean of requests per second over %d s)",
            from, counts.length));
      }
    }
  }

  /** Percentile pairs out of order or given alone: one message per problem, naming the fields. */
  static java.util.List<String> checkPercentiles(LLMWorkloadInput w) {
    java.util.List<String> problems = new java.util.ArrayList<>();
    if (w == null) {
      return problems;
    }
    pair(problems, "input_tokens", w.getInputTokensP50(), w.getInputTokensP99());
    pair(problems, "output_tokens", w.getOutputTokensP50(), w.getOutputTokensP99());
    return problems;
  }

  private static void pair(java.util.List<String> problems, String what, Integer p50, Integer p99) {
    if (p50 == null && p99 == null) {
      return;
    }
    if (p50 == null || p99 == null) {
      problems.add("workload." + what + "_p50 and workload." + what + "_p99 go together (got only "
          + (p50 == null ? what + "_p99 = " + p99 : what + "_p50 = " + p50) + ")");
    } else if (p99 < p50) {
      problems.add("workload." + what + "_p99 must be >= workload." + what + "_p50 (got " + p99 + " < " + p50 + ")");
    }
  }
}
