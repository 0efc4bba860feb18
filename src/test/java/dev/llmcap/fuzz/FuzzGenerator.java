package dev.llmcap.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
      case 2: return new Line("truncated", doc.substring(0, random.nextInt(doc.length())).getBytes(StandardCharsets.UTF_8));
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
