package dev.llmcap.cli;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** Every flag of the plan command, with its unit and default in the help text (FR-4.2). */
final class PlanOptionsSpec {
  private PlanOptionsSpec() {}

  static Options build() {
    Options o = new Options();
    o.addOption(value("mode", "MODE", "inference (default) or training"));
    o.addOption(value("config", "FILE", "JSON or YAML configuration file; flags override its values"));
    o.addOption(value("generate-config", "MODE", "write a template config for inference|training to MODE_config.json (or --output FILE; .yaml for a commented YAML one) and exit"));
    // workload
    o.addOption(value("rps", "REQ/S", "mean requests per second (> 0)"));
    o.addOption(value("input-tokens", "TOKENS", "average input tokens per request (> 0)"));
    o.addOption(value("output-tokens", "TOKENS", "average output tokens per request (> 0)"));
    o.addOption(value("peak-multiplier", "X", "peak over mean request rate, 1.0-10.0 (default 1.5)"));
    o.addOption(value("growth-rate", "PERCENT", "traffic growth over the horizon, 0-1000 % (default 0)"));
    o.addOption(value("concurrency", "N", "closed-loop benchmark: requests kept in flight on one replica"));
    // model
    o.addOption(value("model", "NAME", "model catalog id or alias, e.g. llama-3.1-70b"));
    o.addOption(value("model-size", "BILLIONS", "model size in billions of parameters (architecture estimated from the nearest catalog model)"));
    o.addOption(value("precision", "P", "weight precision FP32|FP16|BF16|FP8|INT8|INT4 (default FP16)"));
    o.addOption(value("kv-cache-precision", "P", "KV-cache precision (default: FP8 for FP8 weights, else 16-bit)"));
    o.addOption(value("context-window", "TOKENS", "context window (default 4096)"));
    o.addOption(value("batch-size", "N", "sequences a replica must hold at full context (default 1)"));
    o.addOption(value("p50-ms", "MS", "TTFT target at P50, ms"));
    o.addOption(value("p99-ms", "MS", "TTFT target at P99, ms"));
    o.addOption(value("itl-ms", "MS", "inter-token latency target, ms per token"));
    // gpu
    o.addOption(value("gpu-type", "GPU", "GPU catalog id or alias (default: recommend the cheapest that meets the SLA)"));
    o.addOption(value("gpu-memory-gb", "GB", "override the catalog's memory per GPU, GB"));
    o.addOption(value("target-utilization", "FRACTION", "share of replica capacity to plan for, 0-1 (default 0.7)"));
    o.addOption(value("current-replicas", "N", "replicas running today (the plan says how to scale from there)"));
    o.addOption(value("tensor-parallel", "N", "force the tensor-parallel degree 1|2|4|8"));
    // service
    o.addOption(value("service-id", "ID", "service identifier"));
    o.addOption(value("service-name", "NAME", "service name"));
    o.addOption(value("team-id", "ID", "owning team"));
    o.addOption(value("environment", "ENV", "prod|staging|dev (default prod)"));
    o.addOption(value("criticality", "LEVEL", "high|medium|low (default medium)"));
    o.addOption(value("cloud", "CLOUD", "aws|gcp|azure (default aws)"));
    o.addOption(value("region", "REGION", "cloud region, e.g. us-east-1 (default: cheapest region with a price)"));
    // output
    o.addOption(flag("cost", "include the cost estimate (on by default)"));
    o.addOption(flag("no-cost", "leave the cost estimate out"));
    o.addOption(flag("no-compare", "plan only the requested GPU (no ranked list of alternatives)"));
    o.addOption(value("output", "FILE", "write the plan to FILE (format from the extension: .json, .txt)"));
    o.addOption(value("format", "FMT", "text (default) or json"));
    o.addOption(flag("force", "overwrite an existing output file"));
    o.addOption(flag("explain", "print the audit trace and where each input came from"));
    o.addOption(flag("no-trace", "leave the audit trace out of JSON output"));
    // rules
    o.addOption(value("rules", "DIR", "rules folder (default rules/)"));
    o.addOption(value("gpu-catalog", "DIR", "GPU catalog folder (default gpu-catalog/)"));
    o.addOption(value("model-catalog", "DIR", "model catalog folder (default model-catalog/)"));
    o.addOption(Option.builder().longOpt("set").hasArg().argName("NAME=VALUE")
        .desc("override one assumption of rules/assumptions.json for this run (repeatable)").build());
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
    o.addOption(flag("version", "print the version"));
    return o;
  }

  private static Option value(String name, String arg, String desc) {
    return Option.builder().longOpt(name).hasArg().argName(arg).desc(desc).build();
  }

  private static Option flag(String name, String desc) {
    return Option.builder().longOpt(name).desc(desc).build();
  }
}
