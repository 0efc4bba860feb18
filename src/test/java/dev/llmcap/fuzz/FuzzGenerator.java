package dev.llmcap.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of configurations and command lines for fuzzing: mostly plausible values across each field's
 * range, some out of range or of the wrong type, some hostile (huge or tiny exponents, NaN, long strings, deep
 * nesting) and some broken documents (trailing text, a second object, truncation, invalid UTF-8, raw CR).
 */
final class FuzzGenerator {
  /** One generated JSONL line: its bytes and what kind of case it is. */
  record Line(String kind, byte[] bytes) {}

  private static final String[] MODELS = {"llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "mistral-7b", "mixtral-8x7b",
      "qwen2.5-72b", "deepseek-v3", "falcon-180b", "mpt-1b", "llama-2-13b", "no-such-model"};
  private static final String[] GPUS = {"A10", "A100-40GB", "A100-80GB", "H100-80GB", "H200", "L4", "L40S", "B200", "MI300X", "T4",
      "V100-16GB", "GB200", "RTX-6000-Ada", "no-such-gpu"};
  private static final String[] PRECISIONS = {"FP32", "FP16", "BF16", "FP8", "INT8", "INT4", "fp8", "FP12"};
  private static final String[] HOSTILE = {"1e999999999", "-1e999999999", "1e-999999999", "\"NaN\"", "\"Infinity\"", "-1", "0",
      "1e308", "5e-324", "-0.0", "true", "null", "[]", "{}", "\"\"", "\"" + "z".repeat(5000) + "\"", "[" + "1,".repeat(3000) + "1]",
      "123456789012345678901234567890", "0.000000000000000000000000000001", "\"\\u0000\"", "2147483648", "9.999999999999999e17"};

  private final Random random;

  FuzzGenerator(long seed) {
    this.random = new Random(seed);
  }

  private double logUniform(double lo, double hi) {
    return Math.exp(Math.log(lo) + random.nextDouble() * (Math.log(hi) - Math.log(lo)));
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1").replace("e+", "e");
  }

  /** A plausible configuration: every field within (or near) its range, optional fields sometimes left out. */
  String plausible() {
    List<String> workload = new ArrayList<>();
    workload.add("\"requests_per_second\":" + num(logUniform(0.001, 20000)));
    workload.add("\"avg_input_tokens\":" + (long) logUniform(1, 200000));
    workload.add("\"avg_output_tokens\":" + (long) logUniform(1, 20000));
    if (random.nextBoolean()) {
      workload.add("\"peak_load_multiplier\":" + num(1 + random.nextDouble() * 9));
    }
    if (random.nextInt(4) == 0) {
      workload.add("\"growth_rate\":" + num(random.nextDouble() * 500));
    }
    if (random.nextInt(4) == 0) {
      workload.add("\"concurrency\":" + (long) logUniform(1, 100000));
    }
    List<String> model = new ArrayList<>();
    if (random.nextInt(5) == 0) {
      model.add("\"model_size_billions\":" + num(logUniform(0.1, 2000)));
    } else {
      model.add("\"model_name\":\"" + pick(MODELS) + "\"");
    }
    if (random.nextBoolean()) {
      model.add("\"precision\":\"" + pick(PRECISIONS) + "\"");
    }
    if (random.nextInt(3) == 0) {
      model.add("\"context_window\":" + (long) logUniform(128, 1_000_000));
    }
    if (random.nextInt(3) == 0) {
      model.add("\"batch_size\":" + (long) logUniform(1, 65536));
    }
    if (random.nextInt(3) == 0) {
      model.add("\"target_latency_p99_ms\":" + num(logUniform(1, 100000)));
    }
    if (random.nextInt(4) == 0) {
      model.add("\"target_itl_ms\":" + num(logUniform(1, 1000)));
    }
    List<String> gpu = new ArrayList<>();
    if (random.nextBoolean()) {
      gpu.add("\"gpu_type\":\"" + pick(GPUS) + "\"");
    }
    if (random.nextBoolean()) {
      gpu.add("\"target_gpu_utilization\":" + num(0.05 + random.nextDouble() * 0.95));
    }
    if (random.nextInt(4) == 0) {
      gpu.add("\"tensor_parallel\":" + (1 << random.nextInt(4)));
    }
    if (random.nextInt(5) == 0) {
      gpu.add("\"current_replicas\":" + random.nextInt(1000));
    }
    StringBuilder sb = new StringBuilder("{\"workload\":{").append(String.join(",", workload)).append("},\"model\":{")
        .append(String.join(",", model)).append("}");
    if (!gpu.isEmpty()) {
      sb.append(",\"gpu\":{").append(String.join(",", gpu)).append("}");
    }
    if (random.nextInt(3) == 0) {
      sb.append(",\"service\":{\"environment\":\"").append(pick(new String[] {"prod", "staging", "dev"})).append("\",\"cloud_provider\":\"")
          .append(pick(new String[] {"aws", "gcp", "azure"})).append("\"}");
    }
    return sb.append("}").toString();
  }

  /** The next JSONL line. */
  Line configLine() {
    int dice = random.nextInt(100);
    if (dice < 70) {
      return new Line("plausible", plausible().getBytes(StandardCharsets.UTF_8));
    }
    if (dice < 90) {
      String doc = plausible();
      String[] fields = {"requests_per_second", "avg_input_tokens", "avg_output_tokens", "model_name", "precision", "context_window",
          "batch_size", "target_gpu_utilization", "tensor_parallel", "gpu_type", "peak_load_multiplier", "concurrency"};
      String field = pick(fields);
      String value = pick(HOSTILE);
      int at = doc.indexOf("\"" + field + "\":");
      if (at < 0) {
        doc = doc.replaceFirst("\\{\"workload\":\\{", "{\"workload\":{\"" + (random.nextBoolean() ? field : "bogus_" + field) + "\":" + value + ",");
      } else {
        int start = at + field.length() + 3;
        int end = start;
        int depth = 0;
        while (end < doc.length() && !(depth == 0 && (doc.charAt(end) == ',' || doc.charAt(end) == '}'))) {
          char c = doc.charAt(end);
          depth += c == '[' || c == '{' ? 1 : c == ']' || c == '}' ? -1 : 0;
          end++;
        }
        doc = doc.substring(0, start) + value + doc.substring(end);
      }
      return new Line("hostile-value", doc.getBytes(StandardCharsets.UTF_8));
    }
    String doc = plausible();
    switch (random.nextInt(9)) {
      case 0: return new Line("trailing-text", (doc + " garbage").getBytes(StandardCharsets.UTF_8));
      case 1: return new Line("second-object", (doc + doc).getBytes(StandardCharsets.UTF_8));
      // at least one character: an empty line is a blank JSONL line, which batch skips (it is not a config)
      case 2: return new Line("truncated", doc.substring(0, 1 + random.nextInt(doc.length() - 1)).getBytes(StandardCharsets.UTF_8));
      case 3: {
        byte[] b = doc.getBytes(StandardCharsets.UTF_8);
        b[random.nextInt(b.length)] = (byte) (0x80 + random.nextInt(0x80));
        return new Line("invalid-utf8", b);
      }
      case 4: return new Line("raw-cr", doc.replace(",", ",\r").getBytes(StandardCharsets.UTF_8));
      case 5: return new Line("deep-nesting", ("{\"workload\":" + "[".repeat(500) + "]".repeat(500) + "}").getBytes(StandardCharsets.UTF_8));
      case 6: return new Line("not-an-object", pick(new String[] {"[]", "42", "\"text\"", "null", "[" + doc + "]"}).getBytes(StandardCharsets.UTF_8));
      case 7: return new Line("training-mode", doc.replaceFirst("\\{", "{\"mode\":\"training\",").getBytes(StandardCharsets.UTF_8));
      default: return new Line("duplicate-key", doc.replaceFirst("\\{\"workload\":", "{\"model\":{},\"workload\":").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** One generated training plan: its kind, the command line, and a training config document for --config (or null). */
  record TrainingCase(String kind, String[] args, String config) {}

  private static final String[] LAYOUTS = {"TP8,PP16,DP64", "TP2,DP4", "TP1,PP1,DP8,ZERO3", "TP4,PP2,DP1", "TP3", "DP0", "TP8,PP16,DP64,VP4,CP2",
      "EP8,DP8", "TP999999,DP1"};

  /** Plausible training fields (JSON name, value), every one within or near its range, optional ones sometimes left out. */
  private List<String[]> trainingFields() {
    List<String[]> f = new ArrayList<>();
    f.add(new String[] {"dataset_size_tokens", Long.toString((long) logUniform(1e3, 1e15))});
    f.add(new String[] {"sequence_length", Long.toString((long) logUniform(16, 1_000_000))});
    f.add(new String[] {"num_epochs", Long.toString((long) logUniform(1, 10000))});
    f.add(new String[] {"global_batch_size", Long.toString((long) logUniform(1, 1_000_000))});
    if (random.nextInt(3) == 0) {
      f.add(new String[] {"micro_batch_size", Long.toString((long) logUniform(1, 256))});
    }
    if (random.nextInt(5) == 0) {
      f.add(new String[] {"gradient_accumulation_steps", Long.toString((long) logUniform(1, 10000))});
    }
    if (random.nextBoolean()) {
      f.add(new String[] {"optimizer_type", pick(new String[] {"Adam", "AdamW", "Adafactor", "SGD"})});
    }
    if (random.nextBoolean()) {
      f.add(new String[] {"gradient_checkpointing", Boolean.toString(random.nextBoolean())});
    }
    if (random.nextBoolean()) {
      f.add(new String[] {"training_precision", pick(new String[] {"FP32", "FP16", "BF16", "FP8"})});
    }
    if (random.nextInt(3) == 0) {
      String method = pick(new String[] {"full", "lora", "qlora"});
      f.add(new String[] {"method", method});
      if (!method.equals("full") && random.nextInt(3) == 0) {
        f.add(new String[] {"lora_rank", Long.toString((long) logUniform(1, 4096))});
      }
    }
    int sizing = random.nextInt(3);
    if (sizing == 0) {
      f.add(new String[] {"num_gpus", Long.toString((long) logUniform(1, 1_000_000))});
    } else if (sizing == 1) {
      f.add(new String[] {"target_days", num(logUniform(0.01, 3650))});
    }
    if (random.nextInt(10) == 0) {
      f.add(new String[] {"layout", pick(LAYOUTS)});
    }
    if (random.nextInt(4) == 0) {
      f.add(new String[] {"model_size_billions", num(logUniform(0.001, 100000))});
    } else {
      f.add(new String[] {"model_name", pick(MODELS)});
    }
    if (random.nextBoolean()) {
      f.add(new String[] {"gpu_type", pick(GPUS)});
    }
    if (random.nextInt(8) == 0) {
      f.add(new String[] {"gpu_memory_gb", num(logUniform(1, 10000))});
    }
    if (random.nextInt(3) == 0) {
      f.add(new String[] {"cloud_provider", pick(new String[] {"aws", "gcp", "azure"})});
    }
    return f;
  }

  private static final Map<String, String> TRAINING_FLAGS = Map.ofEntries(Map.entry("dataset_size_tokens", "dataset-size"),
      Map.entry("sequence_length", "sequence-length"), Map.entry("num_epochs", "epochs"), Map.entry("global_batch_size", "global-batch-size"),
      Map.entry("micro_batch_size", "micro-batch-size"), Map.entry("gradient_accumulation_steps", "gradient-accumulation-steps"),
      Map.entry("optimizer_type", "optimizer"), Map.entry("gradient_checkpointing", "gradient-checkpointing"),
      Map.entry("training_precision", "training-precision"), Map.entry("method", "method"), Map.entry("lora_rank", "lora-rank"),
      Map.entry("num_gpus", "num-gpus"), Map.entry("target_days", "target-days"), Map.entry("layout", "layout"),
      Map.entry("model_size_billions", "model-size"), Map.entry("model_name", "model"), Map.entry("gpu_type", "gpu-type"),
      Map.entry("gpu_memory_gb", "gpu-memory-gb"), Map.entry("cloud_provider", "cloud"));
  private static final List<String> MODEL_KEYS = List.of("model_size_billions", "model_name");
  private static final List<String> GPU_KEYS = List.of("gpu_type", "gpu_memory_gb");
  private static final List<String> STRING_KEYS = List.of("optimizer_type", "training_precision", "method", "layout", "model_name", "gpu_type",
      "cloud_provider");

  /**
   * A training plan: as flags (about half) or as a training config file, mostly plausible, some with one hostile value
   * (huge or tiny exponents, NaN, wrong types) and, in configs, some broken documents.
   */
  TrainingCase trainingCase() {
    List<String[]> fields = trainingFields();
    String kind = "plausible";
    if (random.nextInt(5) == 0) {
      String[] f = fields.get(random.nextInt(fields.size()));
      f[1] = pick(HOSTILE);
      kind = "hostile-value";
    }
    List<String> a = new ArrayList<>(List.of("--no-trace", "--format", random.nextInt(5) == 0 ? pick(new String[] {"text", "text", "text", "csv"}) : "json"));
    if (random.nextBoolean()) {
      a.addAll(List.of("--mode", "training"));
      for (String[] f : fields) {
        String flag = "--" + TRAINING_FLAGS.get(f[0]);
        String value = f[1].startsWith("\"") && f[1].endsWith("\"") && f[1].length() > 1 ? f[1].substring(1, f[1].length() - 1) : f[1];
        if (f[0].equals("gradient_checkpointing")) {
          if (value.equals("true")) {
            a.add(flag);
          } else if (!value.equals("false")) {
            a.addAll(List.of(flag, value));
          }
        } else {
          a.addAll(List.of(flag, value));
        }
      }
      if (random.nextInt(10) == 0) {
        a.addAll(List.of("--set", pick(new String[] {"train.mfu", "sanity.train_max_days", "train.max_gpus", "sanity.train_max_gpus"}) + "="
            + pick(new String[] {"NaN", "0.5", "Infinity", "1e999", "-1", "abc", "1e-300", "100"})));
      }
      return new TrainingCase("flags-" + kind, a.toArray(new String[0]), null);
    }
    List<String> training = new ArrayList<>();
    List<String> model = new ArrayList<>();
    List<String> gpu = new ArrayList<>();
    List<String> service = new ArrayList<>();
    for (String[] f : fields) {
      boolean quote = STRING_KEYS.contains(f[0]) && !List.of(HOSTILE).contains(f[1]);
      String entry = "\"" + f[0] + "\":" + (quote ? "\"" + f[1] + "\"" : f[1]);
      (MODEL_KEYS.contains(f[0]) ? model : GPU_KEYS.contains(f[0]) ? gpu : f[0].equals("cloud_provider") ? service : training).add(entry);
    }
    StringBuilder doc = new StringBuilder("{\"mode\":\"training\",\"training\":{").append(String.join(",", training)).append("},\"model\":{")
        .append(String.join(",", model)).append("}");
    if (!gpu.isEmpty()) {
      doc.append(",\"gpu\":{").append(String.join(",", gpu)).append("}");
    }
    if (!service.isEmpty()) {
      doc.append(",\"service\":{").append(String.join(",", service)).append("}");
    }
    doc.append("}");
    String text = doc.toString();
    if (random.nextInt(10) == 0) {
      switch (random.nextInt(3)) {
        case 0: text = text + " garbage"; kind = "trailing-text"; break;
        case 1: text = text.substring(0, random.nextInt(text.length())); kind = "truncated"; break;
        default: text = text.replace("\"mode\":\"training\",", ""); kind = "no-mode"; break;
      }
    }
    return new TrainingCase("config-" + kind, a.toArray(new String[0]), text);
  }

  /** A command line of the plan command: plausible flags, some hostile values, some unknown flags and --set overrides. */
  String[] commandLine() {
    List<String> a = new ArrayList<>();
    a.add("--no-trace");
    a.add("--no-compare");
    a.add("--format");
    a.add(random.nextInt(4) == 0 ? pick(new String[] {"text", "csv", "md", "docx"}) : "json");
    String[][] flags = {{"rps", num(logUniform(0.001, 20000))}, {"input-tokens", Long.toString((long) logUniform(1, 200000))},
        {"output-tokens", Long.toString((long) logUniform(1, 20000))}, {"model", pick(MODELS)},
        {"model-size", num(logUniform(0.1, 2000))}, {"precision", pick(PRECISIONS)}, {"gpu-type", pick(GPUS)},
        {"target-utilization", num(0.04 + random.nextDouble() * 0.96)}, {"context-window", Long.toString((long) logUniform(128, 1_000_000))},
        {"batch-size", Long.toString((long) logUniform(1, 65536))}, {"concurrency", Long.toString((long) logUniform(1, 100000))},
        {"tensor-parallel", Integer.toString(1 << random.nextInt(5))}, {"current-replicas", Integer.toString(random.nextInt(100))},
        {"p99-ms", num(logUniform(1, 100000))}, {"environment", pick(new String[] {"prod", "dev", "staging"})}};
    boolean named = random.nextInt(5) != 0;
    for (String[] f : flags) {
      if (f[0].equals(named ? "model-size" : "model")) {
        continue;
      }
      if (f[0].startsWith("rps") || f[0].endsWith("-tokens") || f[0].equals("model") || f[0].equals("model-size") || random.nextInt(3) != 0) {
        a.add("--" + f[0]);
        a.add(random.nextInt(40) == 0 ? pick(HOSTILE).replace("\"", "") : f[1]);
      }
    }
    if (random.nextInt(8) == 0) {
      a.add("--set");
      a.add(pick(new String[] {"mbu_decode", "mbu_decod", "engine_max_rule_firings", "gpu_memory_utilization", "sanity.max_total_gpus"}) + "="
          + pick(new String[] {"NaN", "0.5", "Infinity", "1e999", "-1", "abc", "0.9"}));
    }
    if (random.nextInt(20) == 0) {
      a.add("--" + pick(new String[] {"rsp", "gpu", "bogus", "output"}));
    }
    return a.toArray(new String[0]);
  }
}
