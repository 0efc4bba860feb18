package dev.llmcap.cli;

import static dev.llmcap.cli.CommonFlags.flag;
import static dev.llmcap.cli.CommonFlags.value;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** Every flag of the forecast command, with its unit and default in the help text. */
final class ForecastOptionsSpec {
  private ForecastOptionsSpec() {}

  static Options build() {
    Options o = new Options();
    // inputs
    o.addOption(Option.builder().longOpt("history").hasArg().argName("FILE")
        .desc("usage-metric rows (service_id,timestamp,metric_name,value,unit) or cost-history rows "
            + "(service_id,timestamp,amount,currency,category,tokens_processed), CSV or JSON (repeatable)").build());
    o.addOption(value("service-id", "ID", "service whose history to forecast (needed when a history file holds several)"));
    o.addOption(value("series", "FILE", "generic timestamp,value series, CSV or JSON"));
    o.addOption(value("metric", "NAME", "what the series is: rps (default), tps, ttft_ms, itl_ms, gpu_utilization or cost"));
    o.addOption(value("trace", "FILE", "request trace in the Azure format (TIMESTAMP,ContextTokens,GeneratedTokens): "
        + "its mean rate, token means and peak multiplier feed the plan"));
    o.addOption(value("trace-interval", "SECONDS", "interval of the trace's rate series (default 60)"));
    o.addOption(value("previous-forecast", "FILE", "JSON written earlier by this command: the re-plan check compares it "
        + "with the latest actuals"));
    // forecast
    o.addOption(value("horizon-days", "DAYS", "forecast horizon in days (default 30)"));
    o.addOption(value("horizon-months", "MONTHS", "forecast horizon in calendar months"));
    o.addOption(value("seasonal-period", "STEPS", "season length in steps (default: 48 for 30 min, 24 hourly, 7 daily...)"));
    o.addOption(value("scenario", "NAME", "scenario to plan for: baseline (default), optimistic, pessimistic, spike"));
    o.addOption(value("spike-multiplier", "X", "spike load over the baseline (default: assumption forecast.spike_multiplier)"));
    o.addOption(value("spike-duration", "D", "spike length: periods (e.g. 4) or a duration (2h, 30m, 1d, PT90M); "
        + "default: assumption forecast.spike_duration_hours"));
    o.addOption(value("spike-start", "TIME", "first spiked period (ISO time; default: the first baseline peak)"));
    o.addOption(value("budget", "AMOUNT", "monthly budget in the plan's currency (cost metric: in the history's currency)"));
    o.addOption(value("variance-threshold", "PERCENT", "mean absolute % deviation that triggers a re-plan (default 10)"));
    // plan at the peak
    o.addOption(value("config", "FILE", "serving configuration (JSON/YAML); its requests_per_second is replaced by the "
        + "forecast peak"));
    o.addOption(value("model", "NAME", "model catalog id or alias, e.g. llama-3.1-70b"));
    o.addOption(value("model-size", "BILLIONS", "model size in billions of parameters"));
    o.addOption(value("precision", "P", "weight precision FP32|FP16|BF16|FP8|INT8|INT4 (default FP16)"));
    o.addOption(value("kv-cache-precision", "P", "KV-cache precision"));
    o.addOption(value("context-window", "TOKENS", "context window (default 4096)"));
    o.addOption(value("gpu-type", "GPU", "GPU catalog id or alias (default: the cheapest that meets the SLA)"));
    o.addOption(value("tensor-parallel", "N", "force the tensor-parallel degree 1|2|4|8"));
    o.addOption(value("target-utilization", "FRACTION", "share of replica capacity to plan for, 0-1 (default 0.7)"));
    o.addOption(value("input-tokens", "TOKENS", "average input tokens per request (default: the trace's mean)"));
    o.addOption(value("output-tokens", "TOKENS", "average output tokens per request (default: the trace's mean)"));
    o.addOption(value("peak-multiplier", "X", "peak over the planned rate (default: the trace's p99/mean, else "
        + "assumption forecast.peak_multiplier_over_forecast_peak)"));
    o.addOption(value("p50-ms", "MS", "TTFT target at P50, ms"));
    o.addOption(value("p99-ms", "MS", "TTFT target at P99, ms"));
    o.addOption(value("itl-ms", "MS", "inter-token latency target, ms per token"));
    o.addOption(value("cloud", "CLOUD", "aws|gcp|azure (default aws)"));
    o.addOption(value("region", "REGION", "cloud region (default: cheapest region with a price)"));
    // output
    o.addOption(value("format", "FMT", "text (default) or json"));
    o.addOption(value("output", "FILE", "write the result to FILE (format from the extension: .json, .txt)"));
    o.addOption(value("chart", "FILE.png", "draw history, forecast, 80%/95% bands and the planned capacity to a PNG"));
    o.addOption(flag("force", "overwrite existing output or chart files"));
    o.addOption(flag("explain", "keep the plan's audit trace in JSON and print the scenario rules' conclusions"));
    // rules
    CommonFlags.addTo(o);
    return o;
  }
}
