package dev.llmcap.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates varied, valid inference configs from a seed (same seed, same configs), for benchmarks and load tests:
 * catalog models and GPUs, precisions, request rates, prompt and completion lengths, latency targets, clouds. Run as
 * a program it prints N configs as JSONL: {@code java -cp ... dev.llmcap.batch.ConfigGenerator N [SEED]}.
 */
public final class ConfigGenerator {
  private static final String[] MODELS = {"llama-3.1-8b", "llama-3.1-70b", "llama-3.3-70b", "mistral-7b", "mixtral-8x7b",
      "qwen2.5-72b", "llama-2-13b", "llama-3-8b", "mpt-30b", "llama-3.1-405b"};
  private static final String[] GPUS = {"A100-80GB", "H100-80GB", "H200", "L40S", "L4", "A10G", "B200", "MI300X", "T4",
      "A100-40GB"};
  private static final String[] PRECISIONS = {"FP16", "BF16", "FP8", "INT8", "INT4"};
  private static final String[] CLOUDS = {"aws", "gcp", "azure"};
  private static final String[] ENVIRONMENTS = {"prod", "staging", "dev"};
  private static final String[] CRITICALITY = {"high", "medium", "low"};

  private final SplittableRandom random;
  private final boolean pinGpu;
  private int count;

  /** A generator; pinGpu gives every config a GPU type (else about a quarter leave the choice to the rules). */
  public ConfigGenerator(long seed, boolean pinGpu) {
    this.random = new SplittableRandom(seed);
    this.pinGpu = pinGpu;
  }

  /** The next config as a JSON document. */
  public ObjectNode next() {
    count++;
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("mode", "inference");
    ObjectNode w = root.putObject("workload");
    w.put("requests_per_second", round(Math.exp(uniform(Math.log(0.2), Math.log(200))), 2));
    w.put("avg_input_tokens", (int) Math.round(Math.exp(uniform(Math.log(50), Math.log(8000)))));
    w.put("avg_output_tokens", (int) Math.round(Math.exp(uniform(Math.log(20), Math.log(1500)))));
    w.put("peak_load_multiplier", round(uniform(1.0, 4.0), 1));
    w.put("growth_rate", (double) random.nextInt(0, 101));
    ObjectNode m = root.putObject("model");
    m.put("model_name", pick(MODELS));
    m.put("precision", pick(PRECISIONS));
    m.put("context_window", 1 << random.nextInt(11, 16));
    if (random.nextInt(3) > 0) {
      m.put("target_latency_p99_ms", (double) (100 * random.nextInt(2, 40)));
    }
    if (random.nextInt(2) == 0) {
      m.put("target_itl_ms", (double) (10 * random.nextInt(2, 15)));
    }
    ObjectNode g = root.putObject("gpu");
    if (pinGpu || random.nextInt(4) > 0) {
      g.put("gpu_type", pick(GPUS));
    }
    g.put("target_gpu_utilization", round(uniform(0.5, 0.9), 2));
    ObjectNode s = root.putObject("service");
    s.put("service_id", "svc-" + count);
    s.put("environment", pick(ENVIRONMENTS));
    s.put("criticality", pick(CRITICALITY));
    s.put("cloud_provider", pick(CLOUDS));
    return root;
  }

  /** The next n configs. */
  public List<ObjectNode> next(int n) {
    List<ObjectNode> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(next());
    }
    return out;
  }

  private double uniform(double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static double round(double v, int places) {
    double p = Math.pow(10, places);
    return Math.round(v * p) / p;
  }

  /** Prints N configs (default 10000) as JSONL; second argument the seed (default 42); --pin-gpu names a GPU in every config. */
  public static void main(String[] args) throws JsonProcessingException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 42L;
    boolean pin = List.of(args).contains("--pin-gpu");
    ObjectMapper mapper = new ObjectMapper();
    ConfigGenerator gen = new ConfigGenerator(seed, pin);
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
    for (int i = 0; i < n; i++) {
      out.println(mapper.writeValueAsString(gen.next()));
    }
    out.flush();
  }
}
