package dev.llmcap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.config.ConfigLoader;
import dev.llmcap.config.FlagBinding;
import dev.llmcap.config.InputException;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.forecast.TraceSummary;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.fact.Assumption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;

/**
 * Plans the serving workload at a forecast rate with the inference rules: the --config serving configuration and the
 * plan flags, with the request rate replaced, tokens and peak multiplier taken from the flags, the configuration or the
 * trace. Plans are cached by rate, so months sharing a peak share a plan.
 */
final class ForecastCapacity {
  /** Where each planning input came from, for the report. */
  record Inputs(Integer inputTokens, String inputTokensFrom, Integer outputTokens, String outputTokensFrom,
      double peakMultiplier, String peakMultiplierFrom) {}

  private static final String PEAK_ASSUMPTION = "forecast.peak_multiplier_over_forecast_peak";
  private final LLMForecastEngine engine;
  private final CommandLine cl;
  private final TraceSummary trace;
  private final boolean withTrace;
  private final Map<Double, LLMCapacityPlan> cache = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private Inputs inputs;

  ForecastCapacity(LLMForecastEngine engine, CommandLine cl, TraceSummary trace, boolean withTrace) {
    this.engine = engine;
    this.cl = cl;
    this.trace = trace;
    this.withTrace = withTrace;
  }

  /** True when a model is named (flag or config), so a capacity plan can be made. */
  static boolean canPlan(CommandLine cl) {
    return cl.hasOption("config") || cl.hasOption("model") || cl.hasOption("model-size");
  }

  List<String> notes() {
    return notes;
  }

  Inputs inputs() {
    return inputs;
  }

  /** The plan at {@code rps} requests per second (before the peak multiplier); {@code rateFrom} names the rate's origin. */
  LLMCapacityPlan plan(double rps, String rateFrom) throws InputException, RuleSetException, UsageException {
    LLMCapacityPlan cached = cache.get(rps);
    if (cached != null) {
      return cached;
    }
    ConfigLoader loader = new ConfigLoader();
    if (cl.hasOption("config")) {
      loader.load(Path.of(cl.getOptionValue("config")));
    }
    for (Map.Entry<String, FlagBinding.Target> b : FlagBinding.inference().entrySet()) {
      String flag = b.getKey();
      if (!flag.equals("rps") && !flag.equals("growth-rate") && !flag.equals("peak-multiplier") && cl.hasOption(flag)) {
        loader.override(flag, b.getValue(), cl.getOptionValue(flag));
      }
    }
    JsonNode workload = loader.document().path("workload");
    set(loader, "workload.requests_per_second", FlagBinding.Kind.NUMBER, String.format(Locale.ROOT, "%.17g", rps),
        rateFrom);
    if (workload.path("growth_rate").asDouble(0) != 0 && cache.isEmpty()) {
      notes.add("the configuration's growth_rate is ignored: the forecast carries the growth");
    }
    set(loader, "workload.growth_rate", FlagBinding.Kind.NUMBER, "0", "forecast (growth is in the forecast)");
    Integer in = tokens(loader, workload, "input-tokens", "avg_input_tokens", trace == null ? null : trace.inputTokens().mean());
    Integer out = tokens(loader, workload, "output-tokens", "avg_output_tokens",
        trace == null ? null : trace.outputTokens().mean());
    double peak;
    String peakFrom;
    if (cl.hasOption("peak-multiplier")) {
      peakFrom = "flag --peak-multiplier";
      peak = number(cl.getOptionValue("peak-multiplier"), "--peak-multiplier");
    } else if (trace != null) {
      peak = trace.peakMultiplier();
      peakFrom = "trace: p99 per-" + trace.interval().toSeconds() + "s rate / mean rate";
    } else {
      Assumption a = engine.assumptions().get(PEAK_ASSUMPTION)
          .orElseThrow(() -> new UsageException("assumption " + PEAK_ASSUMPTION + " is missing from the rules folder"));
      peak = a.getValue();
      peakFrom = "assumption " + PEAK_ASSUMPTION;
    }
    if (workload.has("peak_load_multiplier") && !cl.hasOption("peak-multiplier") && cache.isEmpty()) {
      notes.add("the configuration's peak_load_multiplier is replaced by " + peakFrom + " = "
          + String.format(Locale.ROOT, "%.4g", peak) + " (the configuration's applies to its mean rate)");
    }
    set(loader, "workload.peak_load_multiplier", FlagBinding.Kind.NUMBER, String.format(Locale.ROOT, "%.17g", peak),
        peakFrom);
    inputs = new Inputs(in, from(loader, "workload.avg_input_tokens"), out, from(loader, "workload.avg_output_tokens"),
        peak, peakFrom);
    LLMCapacityPlan plan = engine.plan(loader.toRequest(), loader.provenance(), withTrace);
    cache.put(rps, plan);
    return plan;
  }

  private Integer tokens(ConfigLoader loader, JsonNode workload, String flag, String field, Double traceMean)
      throws UsageException {
    if (cl.hasOption(flag) || workload.has(field)) {
      JsonNode v = loader.document().path("workload").path(field);
      return v.isNumber() ? v.intValue() : null;
    }
    if (traceMean == null) {
      throw new UsageException("the plan needs --" + flag + " (or --trace, or a --config with workload." + field + ")");
    }
    long rounded = Math.max(1, Math.round(traceMean));
    set(loader, "workload." + field, FlagBinding.Kind.INTEGER, Long.toString(rounded),
        String.format(Locale.ROOT, "trace: mean %.3f tokens, rounded", traceMean));
    return (int) rounded;
  }

  private static void set(ConfigLoader loader, String path, FlagBinding.Kind kind, String value, String from) {
    loader.override(path, new FlagBinding.Target(path, kind), value);
    loader.provenance().put(path, from);
  }

  private static String from(ConfigLoader loader, String path) {
    return loader.provenance().getOrDefault(path, "default");
  }

  static double number(String text, String flag) throws UsageException {
    try {
      double v = Double.parseDouble(text.trim());
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " expects a number (got '" + text + "')");
    }
  }
}
