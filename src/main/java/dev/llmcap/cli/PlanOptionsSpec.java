package dev.llmcap.cli;

import dev.llmcap.engine.Assumptions;
import dev.llmcap.engine.Fmt;
import static dev.llmcap.cli.CommonFlags.flag;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** Every flag of the plan command, with its unit and default in the help text (FR-4.2). */
final class PlanOptionsSpec {
  private PlanOptionsSpec() {}

  /** The flags; defaults shown in the help are read from the rules folder's default.* assumptions when available. */
  static Options build(Assumptions defaults) {
    PlanOptionsSpec.defaults = defaults;
    Options o = new Options();
    o.addOption(value("mode", "MODE", "inference (default) or training"));
    o.addOption(value("config", "FILE", "JSON or YAML configuration file, - for standard input; repeatable: later files "
        + "override earlier ones field by field; flags override them all"));
    o.addOption(value("generate-config", "MODE", "write a template config for inference|training to MODE_config.json (or --output FILE; .yaml for a commented YAML one) and exit"));
    // workload
    o.addOption(value("rps", "REQ/S", "mean requests per second (> 0)"));
    o.addOption(value("input-tokens", "TOKENS", "average input tokens per request (> 0)"));
    o.addOption(value("output-tokens", "TOKENS", "average output tokens per request (> 0)"));
    o.addOption(value("peak-multiplier", "X", "peak over mean request rate, 1.0-10.0 (default {default.peak_load_multiplier})"));
    o.addOption(value("growth-rate", "PERCENT", "traffic growth over the horizon, 0-1000 % (default {default.growth_rate})"));
    o.addOption(value("concurrency", "N", "closed loop: N users each keeping one request in flight (with --think-time-s: users who pause between requests); plans from N instead of --rps"));
    o.addOption(value("think-time-s", "S", "closed loop: seconds a user waits after a response before the next request (default 0: a benchmark run on one replica)"));
    o.addOption(value("input-tokens-p50", "TOKENS", "median prompt length; with --input-tokens-p99 sets the spread of prompt lengths (default: the named shape, see findings)"));
    o.addOption(value("input-tokens-p99", "TOKENS", "99th-percentile prompt length"));
    o.addOption(value("output-tokens-p50", "TOKENS", "median completion length"));
    o.addOption(value("output-tokens-p99", "TOKENS", "99th-percentile completion length"));
    o.addOption(value("arrival-dispersion", "X", "burstiness: variance / mean of requests per second (1 = Poisson, the default)"));
    o.addOption(value("trace", "FILE", "request trace (Azure LLM trace CSV: TIMESTAMP,ContextTokens,GeneratedTokens): lengths, percentiles and burstiness from it"));
    o.addOption(value("slo-profile", "P", "default latency targets when none are given: interactive (default) or batch"));
    o.addOption(value("max-num-seqs", "N", "the serving engine's batch limit per replica (default {max_num_seqs})"));
    o.addOption(value("max-num-batched-tokens", "N", "the serving engine's token budget per iteration, 16-1048576 (vLLM --max-num-batched-tokens, TensorRT-LLM max_num_tokens, SGLang --chunked-prefill-size; default {max_num_batched_tokens})"));
    o.addOption(value("num-scheduler-steps", "N", "decode steps the serving engine runs per scheduler call, 1-64 (vLLM --num-scheduler-steps: new prompts join only between blocks of N steps; default {num_scheduler_steps})"));
    o.addOption(value("disaggregated", "MODE", "also plan separate prefill and decode pools at the same latency targets: on, auto (say which is cheaper) or off (default)"));
    o.addOption(value("replicas", "N", "plan at exactly N replicas (latency of a given fleet)"));
    // model
    o.addOption(value("model", "NAME", "model catalog id or alias, e.g. llama-3.1-70b"));
    o.addOption(value("model-size", "BILLIONS", "model size in billions of parameters (architecture estimated from the nearest catalog model)"));
    o.addOption(value("active-params", "BILLIONS", "with --model-size: active parameters per token of a mixture-of-experts model"));
    o.addOption(value("model-config", "PATH", "Hugging Face config.json (or a folder holding one) to read the architecture from, offline"));
    o.addOption(value("precision", "P", "weight precision FP32|FP16|BF16|FP8|INT8|INT4|NVFP4|MXFP4 (default {default.precision})"));
    o.addOption(value("kv-cache-precision", "P", "KV-cache precision (default: the weights' 16-bit dtype; FP8 only when asked)"));
    o.addOption(value("context-window", "TOKENS", "context window, tokens (default {default.context_window})"));
    o.addOption(value("batch-size", "N", "the batch the engine runs per replica, in sequences (must also fit at full context); the planner's own choice is shown beside it (default: the planner chooses)"));
    o.addOption(value("p50-ms", "MS", "TTFT target at P50, ms"));
    o.addOption(value("p99-ms", "MS", "TTFT target at P99, ms"));
    o.addOption(value("itl-ms", "MS", "inter-token latency target at P99 (time per output token of a request, as MLPerf's TPOT), ms"));
    o.addOption(value("e2e-p99-ms", "MS", "end-to-end latency target at P99, ms"));
    // gpu
    o.addOption(value("gpu-type", "GPU", "GPU catalog id or alias (default: recommend the cheapest that meets the SLA)"));
    o.addOption(value("gpu-memory-gb", "GB", "override the catalog's memory per GPU, GB"));
    o.addOption(value("target-utilization", "FRACTION", "share of replica capacity to plan for, 0.05-1 (default {default.target_gpu_utilization})"));
    o.addOption(value("current-replicas", "N", "replicas running today (the plan says how to scale from there)"));
    o.addOption(value("tensor-parallel", "N", "force the tensor-parallel degree 1|2|4|8 (16|32|64 inside an NVL72 rack)"));
    // training (--mode training)
    o.addOption(value("dataset-size", "TOKENS", "training: tokens in the dataset, one epoch"));
    o.addOption(value("sequence-length", "TOKENS", "training: tokens per sequence"));
    o.addOption(value("epochs", "N", "training: passes over the dataset"));
    o.addOption(value("global-batch-size", "SEQUENCES", "training: sequences per optimizer step"));
    o.addOption(value("micro-batch-size", "SEQUENCES", "training: sequences per GPU per pass (default 1)"));
    o.addOption(value("gradient-accumulation-steps", "N", "training: micro batches per step (default: global / (micro x data-parallel))"));
    o.addOption(value("optimizer", "NAME", "training: Adam|AdamW|Adafactor|SGD (default Adam)"));
    o.addOption(flag("gradient-checkpointing", "training: recompute activations in the backward pass (default off)"));
    o.addOption(value("training-precision", "P", "training: FP32|FP16|BF16|FP8 (default FP16)"));
    o.addOption(value("method", "M", "training: full|lora|qlora (default full)"));
    o.addOption(value("lora-rank", "R", "training: LoRA/QLoRA adapter rank (default 16)"));
    o.addOption(value("num-gpus", "N", "training: plan for this many GPUs (duration follows)"));
    o.addOption(value("target-days", "DAYS", "training: size the cluster to finish within DAYS (whole nodes)"));
    o.addOption(value("layout", "L", "training: fix the parallel layout, e.g. TP8,PP16,DP64 (also VP, CP, EP, ZERO); default: searched"));
    o.addOption(flag("no-sequence-parallel", "training: tensor-parallel ranks each repeat the layer norms and residual adds (no sequence parallelism; default: split)"));
    // service
    o.addOption(value("service-id", "ID", "service identifier"));
    o.addOption(value("service-name", "NAME", "service name"));
    o.addOption(value("team-id", "ID", "owning team"));
    o.addOption(value("environment", "ENV", "prod|staging|dev (default {default.environment})"));
    o.addOption(value("criticality", "LEVEL", "high|medium|low (default {default.criticality})"));
    o.addOption(value("cloud", "CLOUD", "aws|gcp|azure (default {default.cloud})"));
    o.addOption(value("region", "REGION", "cloud region, e.g. us-east-1, or 'cheapest' to search the cloud's regions (default {default.region.aws} / {default.region.gcp} / {default.region.azure})"));
    o.addOption(value("pricing", "MODEL", "on-demand|reserved-1y|reserved-3y|spot|capacity-block (default {default.pricing})"));
    o.addOption(value("instance-type", "NAME", "plan on this instance type only (e.g. p5.48xlarge, g6e.12xlarge); sets the GPU and cloud it carries"));
    o.addOption(value("spare-replicas", "N", "replicas beyond the load and availability floor (spot for prod/high needs them)"));
    // output
    o.addOption(flag("cost", "include the cost estimate (on by default)"));
    o.addOption(flag("no-cost", "leave the cost estimate out"));
    o.addOption(flag("no-compare", "plan only the requested GPU (no ranked list of alternatives)"));
    o.addOption(value("output", "FILE", "write the plan to FILE (format from the extension: .json .yaml .csv .md .pdf .txt)"));
    o.addOption(value("format", "FMT", "text (default), json, yaml (the JSON plan as YAML), csv, md, pdf or k8s (autoscaling manifests)"));
    o.addOption(value("export-autoscaling", "FILE", "also write the Kubernetes HPA and KEDA ScaledObject (YAML) to FILE"));
    o.addOption(value("k8s", "KIND", "hpa or keda: write only that autoscaler (the two manifests are alternatives; default both)"));
    o.addOption(flag("force", "overwrite an existing output file"));
    o.addOption(Option.builder().longOpt("explain").hasArg().optionalArg(true).argName("FIELD")
        .desc("print the audit trace and where each input came from; with FIELD (e.g. gpu_resources.min_gpus_per_replica) only the chain of rules, facts and assumptions behind that figure").build());
    o.addOption(value("depth", "N", "with --explain FIELD: levels of the tree to show (default: all)"));
    o.addOption(flag("no-trace", "leave the audit trace out of JSON output"));
    o.addOption(value("fail-on", "VERDICT", "exit 1 when the plan is not ok: sla_miss (also infeasible) or infeasible, for CI gates"));
    // rules
    CommonFlags.addTo(o);
    o.addOption(flag("version", "print the version"));
    return o;
  }

  private static Assumptions defaults;

  private static Option value(String name, String arg, String desc) {
    return CommonFlags.value(name, arg, withDefault(desc));
  }

  /** Replaces every "{default.name}" marker by the assumption's current value (or a pointer to the assumptions file). */
  private static String withDefault(String desc) {
    String unknown = "see rules/assumptions.json";
    StringBuilder sb = new StringBuilder();
    int from = 0;
    for (int start = desc.indexOf('{'); start >= 0; start = desc.indexOf('{', from)) {
      int end = desc.indexOf('}', start);
      if (end < 0) {
        break;
      }
      String name = desc.substring(start + 1, end);
      String value = defaults == null ? null
          : defaults.get(name).map(a -> a.getNumber() != null ? Fmt.n(a.getNumber()) : a.getText()).orElse(null);
      sb.append(desc, from, start).append(value == null ? unknown : value);
      from = end + 1;
    }
    sb.append(desc.substring(from));
    String out = sb.toString();
    while (out.contains(unknown + " / " + unknown)) {
      out = out.replace(unknown + " / " + unknown, unknown);
    }
    return out;
  }

}
