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
    if (w.getRequestsPerSecond() == null && w.getConcurrency() == null) { // closed-loop users set their own rate
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

  /** The same for a configuration document before it is validated: fields the trace describes are added where absent. */
  static void fill(com.fasterxml.jackson.databind.node.ObjectNode document, Map<String, String> provenance) throws InputException {
    com.fasterxml.jackson.databind.JsonNode wn = document.get("workload");
    if (!(wn instanceof com.fasterxml.jackson.databind.node.ObjectNode) || !wn.path("trace").isTextual()) {
      return;
    }
    com.fasterxml.jackson.databind.node.ObjectNode w = (com.fasterxml.jackson.databind.node.ObjectNode) wn;
    LLMWorkloadInput in = new LLMWorkloadInput();
    in.setTrace(w.get("trace").asText());
    // presence markers, not figures: apply() reads only which fields are null and fills those from the trace
    in.setRequestsPerSecond(w.has("requests_per_second") ? 1.0 : null);
    in.setConcurrency(w.has("concurrency") ? 1 : null);
    in.setAvgInputTokens(w.has("avg_input_tokens") ? 1 : null);
    in.setAvgOutputTokens(w.has("avg_output_tokens") ? 1 : null);
    in.setInputTokensP50(w.has("input_tokens_p50") || w.has("input_tokens_p99") ? 1 : null);
    in.setOutputTokensP50(w.has("output_tokens_p50") || w.has("output_tokens_p99") ? 1 : null);
    in.setArrivalDispersion(w.has("arrival_dispersion") ? 1.0 : null);
    apply(in, provenance);
    if (!w.has("requests_per_second") && in.getRequestsPerSecond() != null) { w.put("requests_per_second", in.getRequestsPerSecond()); }
    if (!w.has("avg_input_tokens")) { w.put("avg_input_tokens", in.getAvgInputTokens()); }
    if (!w.has("avg_output_tokens")) { w.put("avg_output_tokens", in.getAvgOutputTokens()); }
    if (!w.has("input_tokens_p50") && !w.has("input_tokens_p99")) {
      w.put("input_tokens_p50", in.getInputTokensP50());
      w.put("input_tokens_p99", in.getInputTokensP99());
    }
    if (!w.has("output_tokens_p50") && !w.has("output_tokens_p99")) {
      w.put("output_tokens_p50", in.getOutputTokensP50());
      w.put("output_tokens_p99", in.getOutputTokensP99());
    }
    if (!w.has("arrival_dispersion") && in.getArrivalDispersion() != null) { w.put("arrival_dispersion", in.getArrivalDispersion()); }
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
